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

    [Fact]
    public void A_proximity_rule_needs_a_phrase_of_every_group_within_its_window()
    {
        var classifier = new TopicClassifier(Load("""
            {
              "topics": [
                {
                  "id": "export-bans",
                  "threshold": 1.0,
                  "phrases": [{ "text": "embargo", "weight": 1.0 }],
                  "proximity": [
                    { "name": "ban on exports of a metal", "groups": [["ban", "halt"], ["export"], ["copper", "zinc"]], "window": 4, "weight": 1.0 }
                  ]
                }
              ]
            }
            """));

        var match = Assert.Single(classifier.Classify("Chile bans copper exports", null).Topics);
        Assert.Equal(["bans", "copper", "exports"], match.Evidence.Select(e => e.Text));
        Assert.Single(classifier.Classify("Zinc exports halted by Peru", null).Topics); // any order
        Assert.Empty(classifier.Classify("Chile bans copper imports", null).Topics); // a group missing
        Assert.Empty(classifier.Classify("Chile bans the sale of pickup trucks made with recycled copper to exports markets", null).Topics); // too far apart
    }

    [Fact]
    public void One_phrase_fills_only_one_group_of_a_proximity_rule()
    {
        var classifier = new TopicClassifier(Load("""
            {
              "topics": [
                {
                  "id": "pacts",
                  "threshold": 1.0,
                  "phrases": [{ "text": "pact", "weight": 0.1 }],
                  "proximity": [{ "name": "two countries sign", "groups": [["peru", "chile"], ["peru", "chile"], ["sign"]], "window": 3, "weight": 1.0 }]
                }
              ]
            }
            """));

        Assert.Single(classifier.Classify("Peru and Chile sign pact", null).Topics);
        Assert.Empty(classifier.Classify("Peru signs pact", null).Topics);
    }

    [Fact]
    public void An_exclude_is_not_lifted_by_an_unless_phrase_that_a_negative_cancels()
    {
        var classifier = new TopicClassifier(Load("""
            {
              "topics": [
                {
                  "id": "duties",
                  "threshold": 1.0,
                  "phrases": [{ "text": "levy", "weight": 1.0 }],
                  "negatives": ["goods and services tax"],
                  "excludes": ["hotel"],
                  "excludeUnless": ["goods"]
                }
              ]
            }
            """));

        Assert.Single(classifier.Classify("Hotel levy on imported goods rises", null).Topics);
        Assert.Empty(classifier.Classify("Hotel levy rises with the goods and services tax", null).Topics);
    }

    [Theory]
    [InlineData("""{"topics":[{"id":"a","threshold":1,"phrases":[{"text":"x","weight":1}],"proximity":[{"name":"p","groups":[["x"]],"window":3,"weight":1}]}]}""", "fewer than two groups")]
    [InlineData("""{"topics":[{"id":"a","threshold":1,"phrases":[{"text":"x","weight":1}],"proximity":[{"name":"p","groups":[["x"],[]],"window":3,"weight":1}]}]}""", "an empty group")]
    [InlineData("""{"topics":[{"id":"a","threshold":1,"phrases":[{"text":"x","weight":1}],"proximity":[{"name":"p","groups":[["x"],["@nope"]],"window":3,"weight":1}]}]}""", "unknown term list")]
    public void Invalid_proximity_rules_are_rejected_with_a_message(string json, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => Load(json));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
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
