using Alerts.Core.Classification;
using Alerts.Core.Tests.Support;

namespace Alerts.Core.Tests.Classification;

/// <summary>
/// Guards the classifier's accuracy on the labelled dev set, which lives outside the repository: <c>ALERTS_EVAL_DIR</c>,
/// else <c>shared/eval</c> beside the repository. Without it the test reports itself skipped.
/// </summary>
public class DevSetAccuracyTests
{
    private const double Floor = 0.90;

    [DevSetFact]
    public void Every_topic_keeps_precision_and_recall_of_at_least_0_90()
    {
        var items = TopicEvaluation.Read(DevSet.Path!);
        var report = TopicEvaluation.Evaluate(new TopicClassifier(TopicDefinitions.Embedded()), items);

        Assert.Equal(["tariffs", "trade-talks", "rare-earth-export-controls"], report.Topics.Select(t => t.Topic));
        Assert.All(report.Topics, score =>
        {
            Assert.True(score.Precision >= Floor, $"{score.Topic}: precision {score.Precision:0.000} < {Floor}");
            Assert.True(score.Recall >= Floor, $"{score.Topic}: recall {score.Recall:0.000} < {Floor}");
        });
    }
}

/// <summary>The dev set's location, or null when this checkout has none.</summary>
internal static class DevSet
{
    public const string FileName = "news-dev.jsonl";

    public static string? Path { get; } = Find();

    private static string? Find()
    {
        var folder = Environment.GetEnvironmentVariable("ALERTS_EVAL_DIR") is { Length: > 0 } configured
            ? configured
            : System.IO.Path.Combine(Directory.GetParent(RepoPaths.Root)?.FullName ?? RepoPaths.Root, "shared", "eval");
        var path = System.IO.Path.Combine(folder, FileName);
        return File.Exists(path) ? path : null;
    }
}

/// <summary>A fact that is skipped, saying why, when the dev set is not available.</summary>
internal sealed class DevSetFactAttribute : FactAttribute
{
    public DevSetFactAttribute()
    {
        if (DevSet.Path is null)
        {
            Skip = $"{DevSet.FileName} not found: set ALERTS_EVAL_DIR or place it in shared/eval beside the repository.";
        }
    }
}
