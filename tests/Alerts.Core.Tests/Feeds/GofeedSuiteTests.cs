using Alerts.Core.Feeds;
using Xunit.Abstractions;

namespace Alerts.Core.Tests.Feeds;

/// <summary>gofeed's translator suite, data-driven from its folder: the share of files where every field agrees.</summary>
public class GofeedSuiteTests(ITestOutputHelper output)
{
    private const double RequiredShare = 0.95;

    [SkippableFact]
    public void At_least_95_percent_of_gofeed_files_agree_on_every_field_and_none_throws()
    {
        var root = GofeedSuite.Location;
        Skip.If(root is null, GofeedSuite.MissingMessage);

        var cases = GofeedSuite.Cases(root!);
        var failures = new List<string>();
        var agreeing = 0;
        foreach (var c in cases)
        {
            List<string> differences;
            try
            {
                using var stream = File.OpenRead(c.InputPath);
                differences = GofeedSuite.Differences(FeedParser.Parse(stream), File.ReadAllText(c.ExpectedPath));
            }
            catch (Exception e)
            {
                differences = [$"threw {e.GetType().Name}: {e.Message}"];
            }

            if (differences.Count == 0)
            {
                agreeing++;
            }
            else
            {
                failures.Add($"{c.Name}: {string.Join("; ", differences)}");
            }
        }

        var share = (double)agreeing / cases.Count;
        output.WriteLine($"gofeed agreement: {agreeing}/{cases.Count} = {share:P1}");
        failures.ForEach(output.WriteLine);

        Assert.True(cases.Count >= 90, $"Expected the full gofeed translator suite, found {cases.Count} cases in {root}.");
        Assert.DoesNotContain(failures, f => f.Contains(": threw ", StringComparison.Ordinal));
        Assert.True(share >= RequiredShare, $"Agreement {share:P1} is below {RequiredShare:P0}:\n{string.Join("\n", failures)}");
    }

    [SkippableTheory]
    [InlineData("atom03_feed.xml", FeedFormats.Atom03)]
    [InlineData("atom10_feed.xml", FeedFormats.Atom10)]
    [InlineData("rdf_feed.xml", FeedFormats.Rss10)]
    [InlineData("rss_feed.xml", FeedFormats.Rss20)]
    [InlineData("rss_feed_bom.xml", FeedFormats.Rss20)]
    [InlineData("rss_feed_leading_spaces.xml", FeedFormats.Rss20)]
    [InlineData("json10_feed.json", FeedFormats.Json10)]
    [InlineData("json11_feed.json", FeedFormats.Json11)]
    [InlineData("sample.json", FeedFormats.Json10)]
    public void Universal_samples_are_detected_as_their_format(string file, string format)
    {
        var root = GofeedSuite.Location;
        Skip.If(root is null, GofeedSuite.MissingMessage);

        using var stream = File.OpenRead(Path.Combine(root!, "testdata", "parser", "universal", file));

        Assert.Equal(format, FeedParser.Parse(stream).Format);
    }

    [SkippableTheory]
    [InlineData("empty_feed.xml", "empty")]
    [InlineData("unknown_feed.xml", "not a feed")]
    [InlineData("invalid.json", "JSON")]
    public void Universal_non_feeds_are_refused_with_a_reason(string file, string reason)
    {
        var root = GofeedSuite.Location;
        Skip.If(root is null, GofeedSuite.MissingMessage);

        using var stream = File.OpenRead(Path.Combine(root!, "testdata", "parser", "universal", file));

        var e = Assert.Throws<FeedFormatException>(() => FeedParser.Parse(stream));
        Assert.Contains(reason, e.Message, StringComparison.OrdinalIgnoreCase);
    }
}
