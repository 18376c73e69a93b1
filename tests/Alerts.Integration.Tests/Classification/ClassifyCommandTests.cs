using System.Text.Json;
using Alerts.Integration.Tests.Infrastructure;

namespace Alerts.Integration.Tests.Classification;

/// <summary><c>alerts classify</c> run as a real process.</summary>
public sealed class ClassifyCommandTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly IReadOnlyDictionary<string, string> NoSettings = new Dictionary<string, string>();

    private readonly string _folder = Directory.CreateTempSubdirectory("alerts-classify-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Json_lines_in_give_one_line_out_per_item_and_a_malformed_line_an_error_line_and_exit_1()
    {
        var input = Path.Combine(_folder, "in.jsonl");
        var output = Path.Combine(_folder, "out.jsonl");
        await File.WriteAllLinesAsync(input,
        [
            """{"id":"a","title":"US threatens additional 100% tariff on Chinese goods","summary":""}""",
            """{"id":"b","title":"<b>not json""",
            """{"id":3,"summary":"no title"}""",
            """{"id":"d","title":"Wildfires tear through the hills","summary":"Thousands evacuated."}""",
        ]);

        var (exitCode, log) = await CliProcess.RunAsync(_folder, NoSettings, Timeout, "classify", "--in", input, "--out", output);

        Assert.Equal(1, exitCode);
        Assert.Contains("line 2", log, StringComparison.Ordinal);
        var lines = (await File.ReadAllLinesAsync(output)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(4, lines.Count);
        Assert.Equal("a", lines[0].GetProperty("id").GetString());
        var topic = Assert.Single(lines[0].GetProperty("topics").EnumerateArray());
        Assert.Equal("tariffs", topic.GetProperty("id").GetString());
        var evidence = topic.GetProperty("evidence").EnumerateArray().First(e => e.GetProperty("text").GetString() == "tariff");
        Assert.Equal(29, evidence.GetProperty("start").GetInt32());
        Assert.Equal(35, evidence.GetProperty("end").GetInt32());
        Assert.Equal(["United States", "China"], lines[0].GetProperty("entities").GetProperty("countries").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("tariff-rate", lines[0].GetProperty("figures")[0].GetProperty("kind").GetString());
        Assert.Equal("high", lines[0].GetProperty("severity").GetString());
        Assert.Equal(2, lines[1].GetProperty("line").GetInt32());
        Assert.Equal(3, lines[2].GetProperty("line").GetInt32());
        Assert.Contains("title", lines[2].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Empty(lines[3].GetProperty("topics").EnumerateArray());
        Assert.Equal("low", lines[3].GetProperty("severity").GetString());
    }

    [Fact]
    public async Task Explain_prints_why_each_topic_matched_or_not()
    {
        var (exitCode, output) = await CliProcess.RunAsync(_folder, NoSettings, Timeout, "classify", "--text", "US threatens additional 100% tariff on Chinese goods", "--explain");

        Assert.Equal(0, exitCode);
        Assert.Contains("tariffs: MATCHED", output, StringComparison.Ordinal);
        Assert.Contains("tariff: \"tariff\" [29-35]", output, StringComparison.Ordinal);
        Assert.Contains("trade-talks: ", output, StringComparison.Ordinal);
        Assert.Contains("severity: high (tariffs/new or threatened tariff", output, StringComparison.Ordinal);
        Assert.Contains("countries: United States, China", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_reports_per_topic_precision_and_recall_and_a_topics_override_applies()
    {
        var labelled = Path.Combine(_folder, "labelled.jsonl");
        await File.WriteAllLinesAsync(labelled,
        [
            """{"id":"1","title":"EU sets new import quotas on steel","summary":"","labels":["quotas"]}""",
            """{"id":"2","title":"Quota for fish catch agreed","summary":"","labels":[]}""",
        ]);
        var topics = Path.Combine(_folder, "topics.json");
        await File.WriteAllTextAsync(topics, """{"topics":[{"id":"quotas","threshold":1.0,"phrases":[{"text":"import quota","weight":1.0}]}]}""");
        var settings = new Dictionary<string, string> { ["Alerts__TopicsPath"] = topics };

        var (exitCode, output) = await CliProcess.RunAsync(_folder, settings, Timeout, "classify", "--eval", labelled);

        Assert.Equal(0, exitCode);
        Assert.Matches(@"quotas\s+1\.000\s+1\.000\s+1\.000\s+1\s+0\s+0", output);
    }

    [Fact]
    public async Task A_broken_topics_file_is_one_clear_message_and_exit_2()
    {
        var topics = Path.Combine(_folder, "broken.json");
        await File.WriteAllTextAsync(topics, "{\"topics\": [");

        var (exitCode, output) = await CliProcess.RunAsync(_folder, new Dictionary<string, string> { ["Alerts__TopicsPath"] = topics }, Timeout, "classify", "--text", "x");

        Assert.Equal(2, exitCode);
        Assert.StartsWith("alerts classify: topics.json is not valid", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }
}
