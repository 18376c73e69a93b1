using Alerts.Core.Classification;

namespace Alerts.Core.Tests.Classification.Learned;

/// <summary>The classifier as shipped (rules and the topic model, <c>Alerts:UseTopicModel</c>) on the dev set, which the model never trains on.</summary>
public class DevSetWithModelTests
{
    private const double Floor = 0.90;

    [DevSetFact]
    public void With_the_model_every_topic_keeps_precision_and_recall_of_at_least_0_90()
    {
        var items = TopicEvaluation.Read(DevSet.Path!);
        var classifier = TopicClassifier.Configured(new AlertsOptions());

        var report = TopicEvaluation.Evaluate(classifier, items);

        Assert.Equal(["tariffs", "trade-talks", "rare-earth-export-controls"], report.Topics.Select(t => t.Topic));
        Assert.All(report.Topics, score =>
        {
            Assert.True(score.Precision >= Floor, $"{score.Topic}: precision {score.Precision:0.000} < {Floor}");
            Assert.True(score.Recall >= Floor, $"{score.Topic}: recall {score.Recall:0.000} < {Floor}");
        });
    }
}
