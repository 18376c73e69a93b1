using System.Globalization;
using System.Text;
using Alerts.Cli.Training;
using Alerts.Core.Classification;
using Alerts.Core.Classification.Learned;
using Alerts.Core.Tests.Support;

namespace Alerts.Core.Tests.Classification.Learned;

/// <summary>
/// The shipped <c>topic-model.json</c> is what <c>alerts classify train</c> makes from <c>eval/train.jsonl</c> with the
/// embedded rules: nobody edits weights by hand, and a change to the tokeniser, stemmer or spellings that would change
/// the model's features fails here until the model is retrained. Weights are compared with a tolerance because the
/// optimiser's floating-point sums may differ in the last bits on another CPU (other vector widths).
/// </summary>
public class ShippedModelTests
{
    private const double Tolerance = 0.02;

    [Fact]
    public void The_shipped_model_is_what_training_on_eval_train_jsonl_produces()
    {
        var trainPath = Path.Combine(RepoPaths.Root, "eval", "train.jsonl");
        var items = TopicEvaluation.Read(trainPath);
        var validation = new ModelCrossValidation(TopicDefinitions.Embedded(), Gazetteer.Embedded());

        var (trained, _) = validation.Train(items, ModelCrossValidation.DefaultFolds, TopicModelTrainer.Provenance(trainPath, items.Count));

        using var file = File.OpenRead(Path.Combine(RepoPaths.Root, "src", "Alerts.Core", "Classification", TopicModel.FileName));
        var shipped = TopicModel.Load(file);
        var differences = Differences(trained, shipped);
        Assert.True(
            differences.Length == 0,
            "topic-model.json is not what training produces: run dotnet run --project src/Alerts.Cli -- classify train --in eval/train.jsonl --out src/Alerts.Core/Classification/topic-model.json\n" + differences);
    }

    [Fact]
    public void A_model_with_one_weight_changed_by_hand_is_told_apart()
    {
        using var file = File.OpenRead(Path.Combine(RepoPaths.Root, "src", "Alerts.Core", "Classification", TopicModel.FileName));
        var shipped = TopicModel.Load(file);
        var topic = shipped.Topics[0];
        var weights = topic.Weights.ToDictionary();
        var (feature, weight) = weights.First();
        weights[feature] = weight + 0.5;
        var edited = shipped with { Topics = [topic with { Weights = weights }, .. shipped.Topics.Skip(1)] };

        Assert.Contains(feature, Differences(edited, shipped), StringComparison.Ordinal);
    }

    private static string Differences(TopicModel trained, TopicModel shipped)
    {
        var report = new StringBuilder();
        var shippedTopics = shipped.Topics.ToDictionary(t => t.Id, StringComparer.Ordinal);
        foreach (var topic in trained.Topics)
        {
            if (!shippedTopics.TryGetValue(topic.Id, out var other))
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"{topic.Id}: not in the shipped model");
                continue;
            }

            if (Math.Abs(topic.Bias - other.Bias) > Tolerance || topic.Threshold != other.Threshold)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"{topic.Id}: bias {topic.Bias} / {other.Bias}, threshold {topic.Threshold} / {other.Threshold}");
            }

            // A feature only one side kept must have been at the pruning edge on the other.
            foreach (var feature in topic.Weights.Keys.Union(other.Weights.Keys))
            {
                var a = topic.Weights.GetValueOrDefault(feature);
                var b = other.Weights.GetValueOrDefault(feature);
                if (Math.Abs(a - b) > Tolerance)
                {
                    report.AppendLine(CultureInfo.InvariantCulture, $"{topic.Id} \"{feature}\": trained {a}, shipped {b}");
                }
            }
        }

        if (trained.Topics.Count != shipped.Topics.Count)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"{trained.Topics.Count} topics trained, {shipped.Topics.Count} shipped");
        }

        return report.ToString();
    }
}
