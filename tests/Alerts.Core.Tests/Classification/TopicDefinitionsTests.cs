using System.Text;
using Alerts.Core.Classification;

namespace Alerts.Core.Tests.Classification;

public class TopicDefinitionsTests
{
    private static TopicDefinitions Load(string json) => TopicDefinitions.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void A_custom_topic_with_every_rule_kind_classifies_as_written()
    {
        var definitions = Load("""
            {
              // comments are allowed
              "terms": { "gov": ["government", "ministry", "treasury"] },
              "topics": [
                {
                  "id": "sanctions",
                  "threshold": 1.0,
                  "phrases": [
                    { "text": "sanction", "weight": 1.0 },
                    { "text": "asset freeze", "weight": 1.0 },
                    { "text": "blacklist", "weight": 0.5 }
                  ],
                  "near": [{ "name": "blacklist by a government", "a": ["blacklist"], "b": ["@gov"], "window": 3, "weight": 0.5 }],
                  "negatives": ["sanctioned event"],
                  "excludes": ["football"],
                  "requires": [["@gov", "eu", "un"]],
                  "severity": [{ "level": "high", "name": "new sanctions", "when": ["new", "expand"] }]
                }
              ]
            }
            """);
        var classifier = new TopicClassifier(definitions);

        Assert.Equal(["sanctions"], classifier.TopicIds);
        var hit = classifier.Classify("Treasury announces new sanctions on shipping firms", null);
        var topic = Assert.Single(hit.Topics);
        Assert.Equal("sanctions", Assert.Single(topic.Evidence).Text);
        Assert.Equal(Severity.High, hit.Severity);
        Assert.Equal("sanctions/new sanctions: \"new\"", hit.SeverityRule);

        Assert.Single(classifier.Classify("Government blacklist of apps grows", null).Topics); // 0.5 + 0.5 from the near rule
        Assert.Empty(classifier.Classify("Blacklist of apps grows", null).Topics); // requires a government word
        Assert.Empty(classifier.Classify("Sanctions list grows", null).Topics); // requires a government word
        Assert.Empty(classifier.Classify("Government sanctioned event for football fans", null).Topics); // negative and exclude
        Assert.Empty(classifier.Classify("US threatens additional 100% tariff on Chinese goods", null).Topics); // not a topic here
    }

    [Fact]
    public void Optional_lists_may_be_left_out()
    {
        var classifier = new TopicClassifier(Load("""{"topics":[{"id":"quotas","threshold":1.0,"phrases":[{"text":"import quota","weight":1.0}]}]}"""));

        Assert.Equal("quotas", Assert.Single(classifier.Classify("EU sets new import quotas on steel", null).Topics).Id);
    }

    [Theory]
    [InlineData("""{"topics":[]}""", "no topics")]
    [InlineData("""{"topics":[{"id":"a","threshold":1,"phrases":[]}]}""", "at least one phrase")]
    [InlineData("""{"topics":[{"id":"a","threshold":1,"phrases":[{"text":"x","weight":1}]},{"id":"a","threshold":1,"phrases":[{"text":"y","weight":1}]}]}""", "unique")]
    [InlineData("""{"topics":[{"id":"a","threshold":1,"phrases":[{"text":"@missing","weight":1}]}]}""", "unknown term list")]
    [InlineData("""{"topics":[{"id":"a","threshold":1,"phrases":[{"text":"x","weight":1}],"severity":[{"level":"urgent","name":"n","when":["y"]}]}]}""", "high or medium")]
    [InlineData("""{"topics": [""", "not valid")]
    public void Invalid_definitions_are_rejected_with_a_message(string json, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => Load(json));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_reads_a_file_and_reports_a_missing_one()
    {
        var path = Path.Combine(Path.GetTempPath(), $"topics-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"topics":[{"id":"quotas","threshold":1.0,"phrases":[{"text":"import quota","weight":1.0}]}]}""");
        try
        {
            Assert.Equal("quotas", Assert.Single(TopicDefinitions.From(path).Topics).Id);
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Equal(3, TopicDefinitions.From(null).Topics.Count);
        var error = Assert.Throws<InvalidDataException>(() => TopicDefinitions.From(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }
}
