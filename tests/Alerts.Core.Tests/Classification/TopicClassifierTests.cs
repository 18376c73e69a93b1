using System.Text;
using Alerts.Core.Classification;

namespace Alerts.Core.Tests.Classification;

public class TopicClassifierTests
{
    private static readonly TopicClassifier Classifier = new(TopicDefinitions.Embedded());

    private static string[] Ids(Alerts.Core.Classification.Classification c) => c.Topics.Select(t => t.Id).ToArray();

    [Fact]
    public void Embedded_definitions_have_the_three_topics()
        => Assert.Equal(["tariffs", "trade-talks", "rare-earth-export-controls"], Classifier.TopicIds);

    [Fact]
    public void Tariff_threat_is_tariffs_with_high_severity()
    {
        var result = Classifier.Classify("US threatens additional 100% tariff on Chinese goods", null);

        Assert.Equal(["tariffs"], Ids(result));
        Assert.True(result.Matched);
        Assert.Equal(Severity.High, result.Severity);
        Assert.StartsWith("tariffs: ", result.SeverityRule, StringComparison.Ordinal);
    }

    [Fact]
    public void Feed_in_tariff_is_not_a_trade_tariff()
    {
        var result = Classifier.Classify("Regulator approves new feed-in tariff for rooftop solar", null);

        Assert.Empty(result.Topics);
        Assert.False(result.Matched);
        Assert.Null(result.SeverityRule);
        Assert.Equal(Severity.Low, result.Severity);
    }

    [Fact]
    public void Sports_trade_talks_are_not_trade_talks()
        => Assert.DoesNotContain("trade-talks", Ids(Classifier.Classify("Lakers in trade talks for a guard", null)));

    [Fact]
    public void Wage_talks_match_nothing()
        => Assert.Empty(Classifier.Classify("Union and employer resume wage talks", null).Topics);

    [Fact]
    public void Export_controls_on_gallium_and_germanium_are_rare_earth_export_controls()
    {
        var result = Classifier.Classify("China tightens export controls on gallium and germanium", null);

        Assert.Equal(["rare-earth-export-controls"], Ids(result));
        Assert.Equal(Severity.High, result.Severity);
    }

    [Fact]
    public void Export_controls_on_chips_are_not_rare_earth()
        => Assert.DoesNotContain("rare-earth-export-controls", Ids(Classifier.Classify("New export controls on AI chips", null)));

    [Fact]
    public void Talks_about_tariff_levels_are_both_trade_talks_and_tariffs()
    {
        var result = Classifier.Classify(
            "US and China resume trade talks on tariff levels",
            "Negotiators met in Geneva to discuss current tariff rates.");

        Assert.Contains("trade-talks", Ids(result));
        Assert.Contains("tariffs", Ids(result));
    }

    [Theory]
    [InlineData("US threatens additional 100% tariff on Chinese goods", null)]
    [InlineData("China tightens export controls on gallium and germanium", "Rare-earth magnets and critical minerals also face an export ban.")]
    [InlineData("US and China resume trade talks on tariff levels", "Negotiators discussed Section 232 duties and the trade truce.")]
    [InlineData("Japan and US officials meet on auto tariffs", "Negotiations on import duties continue.")]
    public void Evidence_offsets_point_at_the_evidence_text(string title, string? summary)
    {
        var result = Classifier.Classify(title, summary);
        var text = TopicClassifier.TextOf(title, summary);

        Assert.NotEmpty(result.Topics);
        Assert.All(result.Topics, topic =>
        {
            Assert.NotEmpty(topic.Evidence);
            Assert.All(topic.Evidence, e =>
            {
                Assert.InRange(e.Start, 0, text.Length);
                Assert.InRange(e.End, e.Start + 1, text.Length);
                Assert.Equal(e.Text, text[e.Start..e.End]);
            });
        });
    }

    [Fact]
    public void Evidence_in_the_summary_is_offset_past_the_title()
    {
        const string title = "Markets update";
        const string summary = "Officials confirmed a new tariff.";

        var topic = Assert.Single(Classifier.Classify(title, summary).Topics);
        var evidence = Assert.Single(topic.Evidence);

        Assert.Equal("tariffs", topic.Id);
        Assert.Equal("tariff", evidence.Text);
        Assert.Equal(title.Length + 1 + summary.IndexOf("tariff", StringComparison.Ordinal), evidence.Start);
    }

    [Fact]
    public void TextOf_joins_title_and_summary_with_a_newline()
    {
        Assert.Equal("Title\nSummary", TopicClassifier.TextOf("Title", "Summary"));
        Assert.Equal("Title\n", TopicClassifier.TextOf("Title", null));
    }

    [Fact]
    public void Negative_context_cancels_only_the_phrases_it_overlaps()
    {
        var result = Classifier.Classify("Feed-in tariff review as US imposes new tariff on steel", null);

        var tariffs = Assert.Single(result.Topics);
        var evidence = Assert.Single(tariffs.Evidence);
        Assert.Equal("tariff", evidence.Text);
        Assert.True(evidence.Start > "Feed-in tariff".Length);
    }

    [Fact]
    public void Weak_phrases_below_the_threshold_do_not_match()
        => Assert.Empty(Classifier.Classify("Council approves a new levy on parking", null).Topics);

    [Fact]
    public void Single_strong_phrase_without_high_words_is_low_severity()
    {
        var result = Classifier.Classify("Explainer: how US tariffs on Chinese goods reached 145%", null);

        var topic = Assert.Single(result.Topics);
        Assert.Equal("tariffs", topic.Id);
        Assert.Equal(Math.Round(1 - Math.Exp(-1.0), 3), topic.Score);
        Assert.Equal(Severity.Low, result.Severity);
        Assert.Equal("default", result.SeverityRule);
    }

    [Fact]
    public void Strong_evidence_without_high_words_is_medium_severity()
    {
        var result = Classifier.Classify("Section 232 tariffs on steel explained", "Importers pay the tariff and customs duty at the border.");

        var topic = Assert.Single(result.Topics);
        Assert.True(topic.Score >= 0.8, $"score {topic.Score}");
        Assert.Equal(Severity.Medium, result.Severity);
        Assert.Equal("score >= 0.8", result.SeverityRule);
    }

    [Fact]
    public void Matching_ignores_case_and_treats_hyphen_and_space_alike()
    {
        Assert.Equal(["rare-earth-export-controls"], Ids(Classifier.Classify("BEIJING EXPANDS RARE-EARTH EXPORT-CONTROL LIST", null)));
        Assert.Equal(["tariffs"], Ids(Classifier.Classify("Anti dumping duties on steel", null)));
    }

    [Fact]
    public void Custom_definitions_loaded_from_json_classify_a_new_topic()
    {
        const string json = """
            {
              "topics": [
                {
                  "id": "sanctions",
                  "threshold": 1.0,
                  "phrases": [
                    { "text": "sanction", "weight": 1.0 },
                    { "text": "asset freeze", "weight": 1.0 },
                    { "text": "blacklist", "weight": 0.5 }
                  ],
                  "negatives": ["sanctioned event"],
                  "excludes": ["football"],
                  "requires": [["government", "ministry", "treasury", "eu", "un"]],
                  "high": ["new", "expand"]
                }
              ]
            }
            """;
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var definitions = TopicDefinitions.Load(stream);
        var classifier = new TopicClassifier(definitions);

        Assert.Equal(["sanctions"], classifier.TopicIds);

        var hit = classifier.Classify("Treasury announces new sanctions on shipping firms", null);
        var topic = Assert.Single(hit.Topics);
        Assert.Equal("sanctions", topic.Id);
        Assert.Equal("sanctions", Assert.Single(topic.Evidence).Text);
        Assert.Equal(Severity.High, hit.Severity);

        Assert.Empty(classifier.Classify("Sanctions list grows", null).Topics); // requires a government word
        Assert.Empty(classifier.Classify("Government sanctioned event for football fans", null).Topics); // negative and exclude
        Assert.Empty(classifier.Classify("Government blacklist of apps", null).Topics); // below threshold
        Assert.Empty(classifier.Classify("US threatens additional 100% tariff on Chinese goods", null).Topics); // not a topic here
    }

    [Fact]
    public void Load_reads_weights_and_lists()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(
            """{"topics":[{"id":"x","threshold":0.5,"phrases":[{"text":"alpha","weight":0.25}],"negatives":["beta"],"high":["gamma"]}]}"""));

        var topic = Assert.Single(TopicDefinitions.Load(stream).Topics);

        Assert.Equal("x", topic.Id);
        Assert.Equal(0.5, topic.Threshold);
        Assert.Equal(0.25, Assert.Single(topic.Phrases).Weight);
        Assert.Equal(["beta"], topic.Negatives);
        Assert.Null(topic.Excludes);
        Assert.Null(topic.Requires);
        Assert.Equal(["gamma"], topic.High);
    }

    [Fact]
    public void Topic_without_optional_lists_can_be_loaded_and_classified()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(
            """{"topics":[{"id":"quotas","threshold":1.0,"phrases":[{"text":"import quota","weight":1.0}]}]}"""));

        var classifier = new TopicClassifier(TopicDefinitions.Load(stream));

        Assert.Equal(["quotas"], Ids(classifier.Classify("EU sets new import quotas on steel", null)));
    }
}
