using System.Text.RegularExpressions;

namespace Alerts.Core.Classification;

/// <summary>
/// Rule-based, multi-label classifier: weighted phrases (with inflections and hyphen/space variants), negative
/// contexts that cancel the phrases they overlap, context words that rule a topic out, and phrase groups that must all
/// be present.
/// </summary>
public sealed class TopicClassifier
{
    private readonly IReadOnlyList<CompiledTopic> _topics;

    public TopicClassifier(TopicDefinitions definitions)
    {
        _topics = definitions.Topics.Select(Compile).ToList();
    }

    public IEnumerable<string> TopicIds => _topics.Select(t => t.Definition.Id);

    /// <summary>The text the offsets in <see cref="Evidence"/> refer to.</summary>
    public static string TextOf(string title, string? summary) => title + "\n" + (summary ?? "");

    public Classification Classify(string title, string? summary)
    {
        var text = TextOf(title, summary);
        var matches = new List<TopicMatch>();
        string? highRule = null;
        foreach (var topic in _topics)
        {
            var negatives = topic.Negatives?.Matches(text).Select(m => (m.Index, End: m.Index + m.Length)).ToList() ?? [];
            var evidence = new List<Evidence>();
            var weight = 0.0;
            foreach (Match m in topic.Phrases.Matches(text))
            {
                if (negatives.Any(n => m.Index < n.End && n.Index < m.Index + m.Length))
                {
                    continue;
                }

                evidence.Add(new Evidence(m.Value, m.Index, m.Index + m.Length));
                weight += topic.WeightOf(m);
            }

            if (weight < topic.Definition.Threshold || !topic.Requires.All(r => r.IsMatch(text)) || topic.Excludes?.IsMatch(text) == true)
            {
                continue;
            }

            matches.Add(new TopicMatch(topic.Definition.Id, Math.Round(1 - Math.Exp(-weight), 3), evidence));
            if (highRule is null && topic.High?.Match(text) is { Success: true } high)
            {
                highRule = $"{topic.Definition.Id}: \"{high.Value}\"";
            }
        }

        var severity = highRule is not null ? Severity.High
            : matches.Any(m => m.Score >= 0.8) ? Severity.Medium
            : Severity.Low;
        var rule = highRule ?? (severity == Severity.Medium ? "score >= 0.8" : matches.Count > 0 ? "default" : null);
        return new Classification(matches, severity, rule, Entities.None, []);
    }

    private static CompiledTopic Compile(TopicDefinition definition)
    {
        var phrases = definition.Phrases.ToList();
        var groups = string.Join('|', phrases.Select((p, i) => $"(?<p{i}>{Pattern(p.Text)})"));
        var requires = (definition.Requires ?? []).Select(r => Alternation(r)!).ToList();
        return new CompiledTopic(
            definition,
            new Regex(groups, Options),
            phrases.Select(p => p.Weight).ToArray(),
            Alternation(definition.Negatives ?? []),
            Alternation(definition.Excludes ?? []),
            requires,
            Alternation(definition.High ?? [], wholeWord: false));
    }

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled;

    private static Regex? Alternation(IReadOnlyList<string> phrases, bool wholeWord = true)
        => phrases.Count == 0 ? null : new Regex(string.Join('|', phrases.Select(p => Pattern(p, wholeWord))), Options);

    /// <summary>Word-bounded phrase; spaces and hyphens interchangeable; simple inflections (s, es, ed, ing) and -y/-ies, licence/license.</summary>
    private static string Pattern(string phrase, bool wholeWord = true)
    {
        var words = phrase.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape);
        var body = string.Join(@"[\s\-]+", words).Replace("licence", "licen[cs]e", StringComparison.Ordinal);
        if (body.EndsWith('y'))
        {
            body = body[..^1] + "(?:y|ies)";
        }

        return wholeWord ? $@"\b{body}(?:s|es|ed|ing)?\b" : $@"\b{body}";
    }

    private sealed record CompiledTopic(
        TopicDefinition Definition,
        Regex Phrases,
        double[] Weights,
        Regex? Negatives,
        Regex? Excludes,
        IReadOnlyList<Regex> Requires,
        Regex? High)
    {
        public double WeightOf(Match match)
        {
            for (var i = 0; i < Weights.Length; i++)
            {
                if (match.Groups[$"p{i}"].Success)
                {
                    return Weights[i];
                }
            }

            return 0;
        }
    }
}
