using Alerts.Core.Classification.Learned;
using Alerts.Integration.Tests.Infrastructure;

namespace Alerts.Integration.Tests.Classification;

/// <summary><c>alerts classify train</c> run as a real process.</summary>
public sealed class ClassifyTrainCommandTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private static readonly IReadOnlyDictionary<string, string> NoSettings = new Dictionary<string, string>();

    private readonly string _folder = Directory.CreateTempSubdirectory("alerts-train-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Training_prints_cross_validation_and_held_out_scores_and_writes_a_model_the_classifier_loads()
    {
        var train = await WriteAsync("train.jsonl", LabelledItems(["Canada", "Mexico", "Japan", "India", "Brazil", "Korea"]));
        var heldOut = await WriteAsync("held-out.jsonl", LabelledItems(["Chile", "Peru"]));
        var model = Path.Combine(_folder, "model.json");

        var (exitCode, output) = await CliProcess.RunAsync(_folder, NoSettings, Timeout, "classify", "train", "--in", train, "--out", model, "--cv", "3", "--held-out", heldOut);

        Assert.Equal(0, exitCode);
        Assert.Contains("24 items, 3 folds", output, StringComparison.Ordinal);
        Assert.Matches(@"tariffs\s+(\d\.\d{3}\s+){9}", output);
        Assert.Contains($"held out {heldOut}: 8 items (aggregate only)", output, StringComparison.Ordinal);
        var written = TopicModel.From(model);
        Assert.Equal(["tariffs", "trade-talks", "rare-earth-export-controls"], written.Topics.Select(t => t.Id));
        Assert.StartsWith("train.jsonl: 24 items, sha256 ", written.TrainedOn, StringComparison.Ordinal);

        var (_, again) = await CliProcess.RunAsync(_folder, NoSettings, Timeout, "classify", "train", "--in", train, "--out", model + ".2", "--cv", "3");
        Assert.Contains("wrote", again, StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllBytesAsync(model), await File.ReadAllBytesAsync(model + ".2"));
    }

    [Theory]
    [InlineData("missing.jsonl", "missing.jsonl")]
    [InlineData("malformed.jsonl", "line 2")]
    [InlineData("one-topic.jsonl", "items labelled trade-talks")]
    public async Task A_bad_training_file_is_one_clear_message_and_exit_1(string file, string expected)
    {
        await WriteAsync("malformed.jsonl", [LabelledItems(["Canada"])[0], """{"id":"2","title":"""]);
        await WriteAsync("one-topic.jsonl", [.. LabelledItems(["Canada", "Mexico", "Japan"]).Where(l => !l.Contains("trade-talks", StringComparison.Ordinal))]);

        var (exitCode, output) = await CliProcess.RunAsync(_folder, NoSettings, Timeout, "classify", "train", "--in", Path.Combine(_folder, file));

        Assert.Equal(1, exitCode);
        Assert.StartsWith("alerts classify train: ", output, StringComparison.Ordinal);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    private async Task<string> WriteAsync(string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(_folder, name);
        await File.WriteAllLinesAsync(path, lines);
        return path;
    }

    /// <summary>Four made-up items per country: one per topic and one about none.</summary>
    private static string[] LabelledItems(string[] countries) =>
    [
        .. countries.SelectMany((country, i) => new[]
        {
            $$"""{"id":"t{{i}}","title":"{{country}} raises tariffs on steel imports","summary":"Duties rise to 25% next month.","labels":["tariffs"]}""",
            $$"""{"id":"k{{i}}","title":"{{country}} and the EU hold trade talks","summary":"Negotiators meet again next week on a trade deal.","labels":["trade-talks"]}""",
            $$"""{"id":"r{{i}}","title":"China curbs rare earth exports to {{country}}","summary":"Exporters of gallium need licences.","labels":["rare-earth-export-controls"]}""",
            $$"""{"id":"n{{i}}","title":"Storm hits the coast of {{country}}","summary":"Thousands are without power.","labels":[]}""",
        }),
    ];
}
