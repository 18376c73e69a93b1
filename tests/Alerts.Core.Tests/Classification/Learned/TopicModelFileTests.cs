using System.Text;
using Alerts.Core.Classification;
using Alerts.Core.Classification.Learned;

namespace Alerts.Core.Tests.Classification.Learned;

public class TopicModelFileTests
{
    private static TopicModel Load(string json) => TopicModel.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void The_embedded_model_covers_every_topic_of_the_embedded_rules()
        => Assert.Equal(new TopicClassifier(TopicDefinitions.Embedded()).TopicIds, TopicModel.Embedded().Topics.Select(t => t.Id));

    [Theory]
    [InlineData("""{"topics":[]}""", "no topics")]
    [InlineData("""{"topics":[{"id":"a","bias":0,"threshold":1.5,"weights":{}}]}""", "threshold")]
    [InlineData("""{"topics":[{"id":"a","bias":0,"threshold":0.5,"weights":{"one two three":1}}]}""", "one or two words")]
    [InlineData("""{"topics":[{"id":"a","bias":0,"weights":{}},{"id":"a","bias":0,"weights":{}}]}""", "unique id")]
    [InlineData("""{"topics":[""", "not valid")]
    public void A_broken_model_file_is_refused_saying_why(string json, string reason)
        => Assert.Contains(reason, Assert.Throws<InvalidDataException>(() => Load(json)).Message, StringComparison.Ordinal);

    [Fact]
    public void A_configured_model_file_replaces_the_embedded_one_and_a_missing_one_is_a_clear_error()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """{"topics":[{"id":"quotas","bias":-1,"threshold":null,"weights":{"quota":2}}]}""");
            Assert.Equal("quotas", TopicModel.From(path).Topics.Single().Id);
        }
        finally
        {
            File.Delete(path);
        }

        Assert.StartsWith("Topic model file ", Assert.Throws<InvalidDataException>(() => TopicModel.From(path)).Message, StringComparison.Ordinal);
    }
}
