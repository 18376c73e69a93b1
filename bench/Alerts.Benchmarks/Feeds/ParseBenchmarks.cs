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
        corpus = [.. ParseCorpus.Load().Select(d => d.Bytes).Where(bytes => Readable(Ours, bytes) && Readable(Syndication, bytes) && Readable(CodeHollow, bytes))];
        Console.WriteLine($"// corpus: {corpus.Count} documents, {corpus.Sum(d => d.Length)} bytes");
    }

    [Benchmark(Baseline = true)]
    public int Alerts() => corpus.Sum(Ours);

    [Benchmark]
    public int SystemServiceModelSyndication() => corpus.Sum(Syndication);

    [Benchmark]
    public int CodeHollowFeedReader() => corpus.Sum(CodeHollow);

    private static int Ours(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return FeedParser.Parse(stream).Items.Count;
    }

    private static int Syndication(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var reader = XmlReader.Create(stream, SyndicationSettings);
        return SyndicationFeed.Load(reader).Items.Count();
    }

    private static int CodeHollow(byte[] bytes) => CodeHollowReader.ReadFromByteArray(bytes).Items.Count;

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
