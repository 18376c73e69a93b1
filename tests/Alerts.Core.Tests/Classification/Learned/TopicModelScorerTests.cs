using Alerts.Core.Classification;
using Alerts.Core.Classification.Learned;

namespace Alerts.Core.Tests.Classification.Learned;

public class TopicModelScorerTests
{
    private const double Bias = -2;

    private static readonly TopicModel Model = new(
    [
        new TopicModelTopic("quotas", Bias, 0.7, new Dictionary<string, double> { ["quota"] = 1, ["import"] = 2, ["steel quota"] = 0.5, ["fish"] = -3 }),
    ]);

    private static double Probability(string text)
    {
        var vocabulary = new Vocabulary();
        var tokeniser = new Tokeniser(vocabulary, new Dictionary<string, string>());
        var scorer = new TopicModelScorer(Model, ["quotas"], vocabulary);
        var tokens = new List<Token>();
        tokeniser.Tokenise(text, tokens);
        return scorer.Probability(0, tokens, text);
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    [Fact]
    public void Weights_of_the_words_and_adjacent_pairs_present_are_added_to_the_bias()
    {
        Assert.Equal(Sigmoid(Bias + 1 + 2), Probability("EU sets import quotas"), 12);
        Assert.Equal(Sigmoid(Bias + 1 + 0.5), Probability("New steel quota"), 12);
        Assert.Equal(Sigmoid(Bias + 1 - 3), Probability("Fish quota cut"), 12);
    }

    [Fact]
    public void Unknown_words_add_nothing_and_a_word_counts_once()
    {
        Assert.Equal(Sigmoid(Bias), Probability("Storm leaves thousands without power"), 12);
        Assert.Equal(Probability("import quota"), Probability("Imports: the quota, imported quotas and import quota rules"), 12);
    }

    [Fact]
    public void A_pair_counts_only_when_its_words_are_adjacent()
        => Assert.Equal(Sigmoid(Bias + 1), Probability("steel and its quota"), 12);

    [Fact]
    public void The_classifier_scores_the_features_training_sees()
    {
        var definitions = TopicDefinitions.Embedded();
        var model = TopicModel.Embedded();
        var classifier = new TopicClassifier(definitions, Gazetteer.Embedded(), model);
        var features = new ModelFeatures(definitions);
        (string Title, string Summary)[] items =
        [
            ("U.S. slaps 25% levies on Canada's lumber", "Ottawa's trade minister said talks would resume in Washington."),
            ("Beijing tightens <b>rare-earth</b> export licences", "Shipments of gallium &amp; germanium need permits from Dec. 1."),
            ("Négociations: EU-Japan summit ends with a framework deal", "Both sides pledged to cut duties on 1,000 goods by 2027."),
        ];

        foreach (var (title, summary) in items)
        {
            var present = features.Of(title, summary);
            foreach (var topic in model.Topics)
            {
                var explained = classifier.Explain(title, summary).Topics.Single(t => t.Id == topic.Id).Model!;
                Assert.Equal(Math.Round(topic.Probability(present), 3), explained.Probability);
            }
        }
    }
}
