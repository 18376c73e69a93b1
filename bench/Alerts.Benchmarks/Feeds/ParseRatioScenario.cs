using System.Diagnostics;

namespace Alerts.Benchmarks.Feeds;

/// <summary>
/// `scenario parse-ratio`: our parser against System.ServiceModel.Syndication and CodeHollow.FeedReader on the
/// <see cref="ParseBenchmarks"/> corpus, in rounds that take turns (ours, Syndication, CodeHollow, ours, ...), each
/// ratio taken within a round and the median reported. On a shared machine whose load comes and goes, parsers
/// timed side by side in the same moments compare more fairly than BenchmarkDotNet's short jobs run one after the other.
/// </summary>
public sealed class ParseRatioScenario : IScenario
{
    private const double TargetRatio = 2;

    public string Name => "parse-ratio";

    public string Description => "parse time: ours vs Syndication vs CodeHollow, interleaved rounds, median ratios (ALERTS_BENCH_SHORT=1 for a small run)";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var corpus = ParseBenchmarks.CommonCorpus();
        var parsers = new (string Name, Func<byte[], int> Parse)[]
        {
            ("Alerts FeedParser", ParseBenchmarks.Ours),
            ("Syndication", ParseBenchmarks.Syndication),
            ("CodeHollow.FeedReader", ParseBenchmarks.CodeHollow),
        };

        // Each parser runs long enough for tiered compilation to reach optimised code before anything is timed.
        foreach (var (_, parse) in parsers)
        {
            var warmUp = Stopwatch.StartNew();
            while (warmUp.Elapsed < TimeSpan.FromSeconds(ParseCorpus.IsShortMode ? 0.5 : 3))
            {
                corpus.ForEach(d => parse(d));
            }
        }

        var rounds = ParseCorpus.IsShortMode ? 10 : 60;
        var times = parsers.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < rounds && !cancellationToken.IsCancellationRequested; round++)
        {
            for (var p = 0; p < parsers.Length; p++)
            {
                var clock = Stopwatch.StartNew();
                corpus.ForEach(d => parsers[p].Parse(d));
                times[p].Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        Console.WriteLine($"corpus: {corpus.Count} documents, {corpus.Sum(d => (long)d.Length) / 1024.0:F0} KiB; {times[0].Count} interleaved rounds");
        Console.WriteLine($"{"parser",-22} {"median ms",10} {"ratio to ours (median of rounds)",34}");
        for (var p = 0; p < parsers.Length; p++)
        {
            var ratio = Median(times[p].Zip(times[0], (theirs, ours) => theirs / ours));
            Console.WriteLine($"{parsers[p].Name,-22} {Median(times[p]),10:F2} {ratio,34:F2}");
        }

        var syndication = Median(times[1].Zip(times[0], (theirs, ours) => theirs / ours));
        Console.WriteLine($"ratio: ours is {syndication:F2}x faster than Syndication (target >= {TargetRatio:F0}x: {(syndication >= TargetRatio ? "met" : "NOT met")})");
        return Task.FromResult(0);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
    }
}
