using System.ServiceModel.Syndication;
using System.Xml;
using Alerts.Core.Feeds;
using BenchmarkDotNet.Attributes;
using CodeHollowReader = CodeHollow.FeedReader.FeedReader;

namespace Alerts.Benchmarks.Feeds;

/// <summary>
/// Parse throughput of our parser (baseline) against System.ServiceModel.Syndication and CodeHollow.FeedReader, on
/// the corpus documents all three can read: `--filter '*ParseBenchmarks*'`.
/// </summary>
[MemoryDiagnoser]
public class ParseBenchmarks
{
    private static readonly XmlReaderSettings SyndicationSettings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };

    private List<byte[]> corpus = [];

    [GlobalSetup]
    public void Setup()
    {
        corpus = CommonCorpus();
        Console.WriteLine($"// corpus: {corpus.Count} documents, {corpus.Sum(d => d.Length)} bytes");

        // An operation here is long (hundreds of ms), so BenchmarkDotNet's few warm-up runs would leave much of
        // each parser in tier-0 code; run each for a while first so all three are measured fully optimised.
        foreach (var parse in new Func<byte[], int>[] { Ours, Syndication, CodeHollow })
        {
            var warmUp = System.Diagnostics.Stopwatch.StartNew();
            while (warmUp.Elapsed < TimeSpan.FromSeconds(ParseCorpus.IsShortMode ? 0.2 : 2))
            {
                corpus.ForEach(d => parse(d));
            }
        }
    }

    [Benchmark(Baseline = true)]
    public int Alerts() => corpus.Sum(Ours);

    [Benchmark]
    public int SystemServiceModelSyndication() => corpus.Sum(Syndication);

    [Benchmark]
    public int CodeHollowFeedReader() => corpus.Sum(CodeHollow);

    /// <summary>The corpus documents all three parsers can read.</summary>
    internal static List<byte[]> CommonCorpus()
        => [.. ParseCorpus.Load().Select(d => d.Bytes).Where(bytes => Readable(Ours, bytes) && Readable(Syndication, bytes) && Readable(CodeHollow, bytes))];

    internal static int Ours(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return FeedParser.Parse(stream).Items.Count;
    }

    internal static int Syndication(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var reader = XmlReader.Create(stream, SyndicationSettings);
        return SyndicationFeed.Load(reader).Items.Count();
    }

    internal static int CodeHollow(byte[] bytes) => CodeHollowReader.ReadFromByteArray(bytes).Items.Count;

    private static bool Readable(Func<byte[], int> parse, byte[] bytes)
    {
        try
        {
            parse(bytes);
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false;
        }
    }
}
