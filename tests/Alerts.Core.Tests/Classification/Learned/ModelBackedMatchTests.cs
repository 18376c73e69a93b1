using Alerts.Core.Classification;
using Alerts.Core.Classification.Learned;

namespace Alerts.Core.Tests.Classification.Learned;

/// <summary>How the topic model backs matches beside the rules, with a one-topic rule file the model can complete.</summary>
public class ModelBackedMatchTests
{
    // One phrase alone (0.5) never reaches the rules' threshold (1.0).
    private static readonly TopicDefinitions Rules = new(
    [
        new TopicDefinition("quotas", 1.0, [new WeightedPhrase("quota", 0.5), new WeightedPhrase("import quota", 1.0)]),
    ]);

    private static readonly TopicModel Model = new(
    [
        new TopicModelTopic("quotas", -2, 0.7, new Dictionary<string, double> { ["quota"] = 1, ["steel"] = 2, ["wheat"] = 2.5, ["fish"] = -3 }),
    ]);

    private static readonly TopicClassifier Classifier = new(Rules, Gazetteer.Embedded(), Model);

    [Fact]
    public void The_model_backs_a_match_when_a_topic_phrase_is_present_and_lists_its_words_with_offsets()
    {
        var result = Classifier.Classify("EU sets quotas on steel", "Mills welcome the move.");

        var match = Assert.Single(result.Topics);
        Assert.Equal("model", match.Source);
        Assert.Equal(Math.Round(1 / (1 + Math.Exp(-(-2 + 1 + 2))), 3), match.Score);
        Assert.Equal([new Evidence("quotas", 8, 14), new Evidence("steel", 18, 23)], match.Evidence);
    }

    [Fact]
    public void Words_in_the_summary_are_evidence_with_offsets_in_the_classified_text()
    {
        var result = Classifier.Classify("New quota", "It covers wheat.");

        var match = Assert.Single(result.Topics);
        var text = TopicClassifier.TextOf("New quota", "It covers wheat.");
        Assert.All(match.Evidence, e => Assert.Equal(e.Text, text[e.Start..e.End]));
        Assert.Equal(["quota", "wheat"], match.Evidence.Select(e => e.Text));
    }

    [Fact]
    public void A_word_inside_a_weighted_pair_is_not_listed_again()
    {
        var model = new TopicModel([new TopicModelTopic("quotas", -2, 0.5, new Dictionary<string, double> { ["quota"] = 1, ["steel quota"] = 2, ["steel"] = 1 })]);

        var match = new TopicClassifier(Rules, Gazetteer.Embedded(), model).Classify("New steel quota", null).Topics.Single();

        Assert.Equal([new Evidence("steel quota", 4, 15)], match.Evidence);
    }

    [Fact]
    public void Without_a_topic_phrase_the_model_backs_nothing_however_sure_it_is()
        => Assert.Empty(Classifier.Classify("Steel and wheat prices climb", null).Topics);

    [Fact]
    public void Below_the_threshold_the_model_backs_nothing()
        => Assert.Empty(Classifier.Classify("Fish quota set for steel towns", null).Topics);

    [Fact]
    public void A_rule_match_stays_a_rule_match()
    {
        var match = Assert.Single(Classifier.Classify("EU sets import quotas on fish", null).Topics);

        Assert.Null(match.Source);
        Assert.Equal("import quotas", match.Evidence.Single().Text);
    }

    [Fact]
    public void Without_a_model_the_rules_decide_alone()
        => Assert.Empty(new TopicClassifier(Rules, Gazetteer.Embedded()).Classify("EU sets quotas on steel", null).Topics);

    [Fact]
    public void Explain_shows_the_probability_the_threshold_and_the_weightiest_words_either_way()
    {
        var topic = Classifier.Explain("Fish quota set for steel towns", null).Topics.Single();

        var model = topic.Model!;
        Assert.False(topic.Matched);
        Assert.False(model.Backed);
        Assert.Equal(0.7, model.Threshold);
        Assert.Equal(Math.Round(1 / (1 + Math.Exp(-(-2 + 1 + 2 - 3))), 3), model.Probability);
        Assert.Equal([("steel", 2.0), ("quota", 1.0), ("fish", -3.0)], model.Words.Select(w => (w.Feature, w.Weight)));
        Assert.Equal(new Evidence("steel", 19, 24), model.Words[0].Evidence);
    }

    [Fact]
    public void Classifying_again_or_with_another_classifier_from_the_same_model_gives_the_same_result()
    {
        var first = Classifier.Classify("EU sets quotas on steel", "Wheat too.");
        var again = Classifier.Classify("EU sets quotas on steel", "Wheat too.");
        var other = new TopicClassifier(Rules, Gazetteer.Embedded(), Model).Classify("EU sets quotas on steel", "Wheat too.");

        Assert.Equal(first.Topics.Single().Score, again.Topics.Single().Score);
        Assert.Equal(first.Topics.Single().Evidence, again.Topics.Single().Evidence);
        Assert.Equal(first.Topics.Single().Evidence, other.Topics.Single().Evidence);
    }
}
