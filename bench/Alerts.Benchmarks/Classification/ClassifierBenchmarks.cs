using System.Text.RegularExpressions;
using Alerts.Core.Classification;
using Alerts.Core.Classification.Learned;
using BenchmarkDotNet.Attributes;

namespace Alerts.Benchmarks.Classification;

/// <summary>
/// The classifier against a naive baseline that runs one compiled <see cref="Regex"/> per phrase of the same topic
/// definitions. Each invocation classifies <see cref="ItemCount"/> items of a title and about 300 characters of
/// summary, so the reported mean divided by <see cref="ItemCount"/> is the time per item.
/// </summary>
[MemoryDiagnoser]
public class ClassifierBenchmarks
{
    public const int ItemCount = 1000;

    private TopicClassifier _classifier = null!;
    private TopicClassifier _withModel = null!;
    private NaiveRegexClassifier _naive = null!;
    private (string Title, string Summary)[] _items = [];

    [GlobalSetup]
    public void Setup()
    {
        var definitions = TopicDefinitions.Embedded();
        _classifier = new TopicClassifier(definitions);
        _withModel = new TopicClassifier(definitions, Gazetteer.Embedded(), TopicModel.Embedded());
        _naive = new NaiveRegexClassifier(definitions);
        _items = SyntheticItems.Create(ItemCount);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = ItemCount)]
    public int NaiveRegexPerPhrase()
    {
        var matched = 0;
        foreach (var (title, summary) in _items)
        {
            matched += _naive.Classify(title, summary);
        }

        return matched;
    }

    [Benchmark(OperationsPerInvoke = ItemCount)]
    public int TopicClassifier()
    {
        var matched = 0;
        foreach (var (title, summary) in _items)
        {
            matched += _classifier.Classify(title, summary).Topics.Count;
        }

        return matched;
    }

    /// <summary>The rules with the learned topic model beside them (<c>Alerts:UseTopicModel</c>).</summary>
    [Benchmark(OperationsPerInvoke = ItemCount)]
    public int TopicClassifierWithModel()
    {
        var matched = 0;
        foreach (var (title, summary) in _items)
        {
            matched += _withModel.Classify(title, summary).Topics.Count;
        }

        return matched;
    }
}

/// <summary>The baseline: every phrase and negative of every topic as its own compiled, case-insensitive regex.</summary>
internal sealed class NaiveRegexClassifier
{
    private readonly (double Threshold, (Regex Pattern, double Weight)[] Phrases, Regex[] Negatives)[] _topics;

    public NaiveRegexClassifier(TopicDefinitions definitions)
    {
        _topics = definitions.Topics.Select(topic => (
            topic.Threshold,
            topic.Phrases.SelectMany(p => definitions.Expand([p.Text]).Where(t => !t.StartsWith('#')).Select(t => (Compile(t), p.Weight))).ToArray(),
            definitions.Expand(topic.Negatives).Select(Compile).ToArray())).ToArray();
    }

    public int Classify(string title, string summary)
    {
        var text = title + "\n" + summary;
        var matched = 0;
        foreach (var (threshold, phrases, negatives) in _topics)
        {
            var negated = negatives.SelectMany(n => n.Matches(text)).Select(m => (m.Index, End: m.Index + m.Length)).ToList();
            var total = 0.0;
            foreach (var (pattern, weight) in phrases)
            {
                foreach (Match m in pattern.Matches(text))
                {
                    if (!negated.Any(n => n.Index <= m.Index && m.Index + m.Length <= n.End))
                    {
                        total += weight;
                        break;
                    }
                }
            }

            matched += total >= threshold ? 1 : 0;
        }

        return matched;
    }

    private static Regex Compile(string phrase)
    {
        var words = phrase.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape);
        return new Regex(@"\b" + string.Join(@"[\s\-]+", words) + @"\w*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }
}

/// <summary>Made-up items in the shape of feed items: a title and a summary of about 300 characters, some on topic.</summary>
internal static class SyntheticItems
{
    private static readonly string[] Titles =
    [
        "US threatens additional 100% tariff on Chinese goods",
        "China widens rare-earth export controls to magnet technology",
        "Negotiators resume trade talks in Kuala Lumpur ahead of deadline",
        "Regulator approves new feed-in tariff for rooftop solar",
        "Lakers in trade talks for a veteran guard",
        "Central bank holds rates steady as inflation cools",
        "EU finalises anti-dumping duties on Chinese steel",
        "Storm leaves thousands without power along the coast",
    ];

    private static readonly string[] Sentences =
    [
        "Officials said the measures would take effect from November 10 unless a deal was reached.",
        "Analysts expect importers to pass higher costs on to consumers within weeks.",
        "The commerce ministry said licences for gallium and germanium shipments were under review.",
        "Both delegations described the meeting as candid and constructive.",
        "Shares of carmakers fell after the announcement, while steel producers rose.",
        "The company said its quarterly revenue beat expectations despite weaker demand.",
        "Local officials urged residents to stay indoors until the storm passed.",
        "Traders said prices for the metals had jumped in Rotterdam since the rules were announced.",
    ];

    public static (string Title, string Summary)[] Create(int count)
    {
        var random = new Random(42);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var summary = "";
            while (summary.Length < 300)
            {
                summary += (summary.Length == 0 ? "" : " ") + Sentences[random.Next(Sentences.Length)];
            }

            return (Titles[random.Next(Titles.Length)], summary);
        }).ToArray();
    }
}
