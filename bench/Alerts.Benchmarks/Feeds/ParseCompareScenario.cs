using System.Diagnostics;
using System.Globalization;
using Alerts.Core.Feeds;

namespace Alerts.Benchmarks.Feeds;

/// <summary>
/// `scenario parse-compare`: parses one corpus with our parser and with Debian's python3-feedparser, each timed
/// inside its own process after a warm-up round, and prints throughput and the ratio in one run.
/// </summary>
public sealed class ParseCompareScenario : IScenario
{
    private const double TargetRatio = 20;

    private const string FeedparserScript = """
        import sys, time, feedparser
        rounds = int(sys.argv[1])
        docs = [open(p, 'rb').read() for p in sys.argv[2:]]
        for d in docs:
            feedparser.parse(d)
        start = time.perf_counter()
        for _ in range(rounds):
            for d in docs:
                feedparser.parse(d)
        print(time.perf_counter() - start)
        """;

    public string Name => "parse-compare";

    public string Description => "parse throughput: ours vs python3-feedparser on the same corpus (ALERTS_BENCH_SHORT=1 for a small run)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        // Debian's package installs into the system interpreter, which a pyenv or venv python3 on PATH would not see.
        string? python = null;
        foreach (var candidate in new[] { "/usr/bin/python3", "python3" })
        {
            if (await RunPythonAsync(candidate, ["-c", "import feedparser"], cancellationToken).ConfigureAwait(false) is { ExitCode: 0 })
            {
                python = candidate;
                break;
            }
        }

        if (python is null)
        {
            await Console.Error.WriteLineAsync("parse-compare needs python3 with feedparser: apt-get install python3-feedparser").ConfigureAwait(false);
            return 2;
        }

        var corpus = ParseCorpus.Load().Where(d => Readable(d.Bytes)).ToList();
        var bytes = corpus.Sum(d => (long)d.Bytes.Length);
        var folder = Directory.CreateTempSubdirectory("alerts-parse-compare-");
        try
        {
            var paths = new List<string>();
            for (var i = 0; i < corpus.Count; i++)
            {
                var path = Path.Combine(folder.FullName, $"{i:D4}{Path.GetExtension(corpus[i].Name)}");
                await File.WriteAllBytesAsync(path, corpus[i].Bytes, cancellationToken).ConfigureAwait(false);
                paths.Add(path);
            }

            var oursRounds = ParseCorpus.IsShortMode ? 20 : 200;
            var pythonRounds = ParseCorpus.IsShortMode ? 1 : 3;
            var ours = TimeOurs(corpus, oursRounds);
            var feedparser = await RunPythonAsync(python, ["-", pythonRounds.ToString(CultureInfo.InvariantCulture), .. paths], cancellationToken, FeedparserScript).ConfigureAwait(false);
            if (feedparser is not { ExitCode: 0 } || !double.TryParse(feedparser.Output.Trim(), CultureInfo.InvariantCulture, out var pythonSeconds))
            {
                await Console.Error.WriteLineAsync($"feedparser run failed: {feedparser?.Error}").ConfigureAwait(false);
                return 1;
            }

            var oursPerRound = ours.TotalSeconds / oursRounds;
            var pythonPerRound = pythonSeconds / pythonRounds;
            var ratio = pythonPerRound / oursPerRound;
            Console.WriteLine($"corpus: {corpus.Count} documents, {bytes / 1024.0:F0} KiB; feedparser from {python}");
            Console.WriteLine($"{"parser",-22} {"rounds",6} {"ms/round",10} {"MB/s",8} {"docs/s",10}");
            Print("Alerts FeedParser", oursRounds, oursPerRound, bytes, corpus.Count);
            Print("python3-feedparser", pythonRounds, pythonPerRound, bytes, corpus.Count);
            Console.WriteLine($"ratio: ours is {ratio:F1}x feedparser (target >= {TargetRatio:F0}x: {(ratio >= TargetRatio ? "met" : "NOT met")})");
            return 0;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static void Print(string name, int rounds, double secondsPerRound, long bytes, int documents)
        => Console.WriteLine($"{name,-22} {rounds,6} {secondsPerRound * 1000,10:F1} {bytes / secondsPerRound / 1e6,8:F1} {documents / secondsPerRound,10:F0}");

    private static TimeSpan TimeOurs(List<ParseCorpus.Document> corpus, int rounds)
    {
        // Warm up long enough for tiered compilation to reach optimised code, as a long-running poller would.
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(1))
        {
            ParseAll(corpus);
        }

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < rounds; i++)
        {
            ParseAll(corpus);
        }

        return clock.Elapsed;
    }

    private static int ParseAll(List<ParseCorpus.Document> corpus)
    {
        var items = 0;
        foreach (var document in corpus)
        {
            using var stream = new MemoryStream(document.Bytes, writable: false);
            items += FeedParser.Parse(stream).Items.Count;
        }

        return items;
    }

    private static bool Readable(byte[] bytes)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            FeedParser.Parse(stream);
            return true;
        }
        catch (FeedFormatException)
        {
            return false;
        }
    }

    private sealed record ProcessResult(int ExitCode, string Output, string Error);

    private static async Task<ProcessResult?> RunPythonAsync(string python, string[] args, CancellationToken cancellationToken, string? stdin = null)
    {
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin is not null };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(start)!;
            if (stdin is not null)
            {
                await process.StandardInput.WriteAsync(stdin).ConfigureAwait(false);
                process.StandardInput.Close();
            }

            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return new ProcessResult(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
