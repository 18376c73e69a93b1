namespace Alerts.Core.Classification;

/// <summary>What a term does for one topic: flags, its phrase rule and the co-occurrence groups it belongs to.</summary>
// PhraseRule: The index of the phrase rule the term scores for, or -1.
// Groups: The co-occurrence groups (<see cref="CompiledTopic.Groups"/>) the term is in, usually none.
internal readonly record struct TermRules(TermFlags Flags, int PhraseRule, int[] Groups);

[Flags]
internal enum TermFlags : byte
{
    None = 0,
    Negative = 1,
    Exclude = 2,
    Unless = 4,
}

/// <summary>
/// A topic's rules as one table by term over the <see cref="PhraseIndex"/>, so each hit is judged by one array read.
/// <c>near</c> rules and <c>proximity</c> rules become one list of co-occurrence rules, each a list of groups.
/// </summary>
internal sealed class CompiledTopic
{
    private readonly int[][] _phraseTerms;
    private readonly int[] _negativeTerms;
    private readonly int[] _excludeTerms;
    private readonly int[] _unlessTerms;
    private readonly int[][] _requireTerms;
    private readonly int[][] _groupTerms;
    private readonly int[][] _severityTerms;
    private readonly Dictionary<int, string> _exclusions;
    private QuotedRule?[][] _severityRuleTexts = [];

    public CompiledTopic(TopicDefinition definition, TopicDefinitions all, PhraseIndex index)
    {
        Definition = definition;
        int[] Terms(IEnumerable<string>? phrases) => all.Expand(phrases).Select(index.Add).Distinct().ToArray();

        _phraseTerms = definition.Phrases.Select(p => Terms([p.Text])).ToArray();
        PhraseWeights = definition.Phrases.Select(p => p.Weight).ToArray();
        _negativeTerms = Terms(definition.Negatives);
        _excludeTerms = Terms(definition.Excludes);
        _exclusions = _excludeTerms.ToDictionary(t => t, t => $"excluded by \"{index.TextOf(t)}\"");
        _unlessTerms = Terms(definition.ExcludeUnless);
        _requireTerms = (definition.Requires ?? []).Select(r => Terms(r)).ToArray();
        var rules = (definition.Near ?? []).Select(n => new CoOccurrence(n.Name, [n.A, n.B], n.Window, n.Weight))
            .Concat((definition.Proximity ?? []).Select(p => new CoOccurrence(p.Name, p.Groups, p.Window, p.Weight)))
            .ToArray();
        var groups = new List<int[]>();
        Rules = new CoOccurrenceRule[rules.Length];
        for (var r = 0; r < rules.Length; r++)
        {
            Rules[r] = new CoOccurrenceRule(rules[r].Name, Enumerable.Range(groups.Count, rules[r].Groups.Count).ToArray(), rules[r].Window, rules[r].Weight);
            groups.AddRange(rules[r].Groups.Select(g => Terms(g)));
        }

        _groupTerms = [.. groups];
        _severityTerms = (definition.Severity ?? []).Select(s => Terms(s.When)).ToArray();
        MediumRule = $"{definition.Id}/score >= {definition.MediumScore}";
    }

    public TopicDefinition Definition { get; }

    /// <summary>The weight of each phrase rule, by its index in <see cref="TopicDefinition.Phrases"/>.</summary>
    public double[] PhraseWeights { get; }

    /// <summary>The co-occurrence rules, <c>near</c> ones first, in file order.</summary>
    public CoOccurrenceRule[] Rules { get; }

    /// <summary>How many co-occurrence groups the rules have together.</summary>
    public int Groups => _groupTerms.Length;

    /// <summary>The severity rule of a matched topic whose score reaches <see cref="TopicDefinition.MediumScore"/>.</summary>
    public string MediumRule { get; }

    /// <summary>By term: what it does for this topic.</summary>
    public TermRules[] Terms { get; private set; } = [];

    /// <summary>By term: whether it can add to the score (a phrase rule or a co-occurrence group).</summary>
    public bool[] Scores { get; private set; } = [];

    public bool[][] Requires { get; private set; } = [];

    public bool[][] Severity { get; private set; } = [];

    /// <summary>Builds the table once every topic and the gazetteer have registered their terms.</summary>
    public void Freeze(int termCount)
    {
        var phraseRule = Enumerable.Repeat(-1, termCount).ToArray();
        for (var rule = 0; rule < _phraseTerms.Length; rule++)
        {
            foreach (var term in _phraseTerms[rule])
            {
                if (phraseRule[term] < 0 || Definition.Phrases[rule].Weight > Definition.Phrases[phraseRule[term]].Weight)
                {
                    phraseRule[term] = rule;
                }
            }
        }

        var flags = new TermFlags[termCount];
        Flag(flags, _negativeTerms, TermFlags.Negative);
        Flag(flags, _excludeTerms, TermFlags.Exclude);
        Flag(flags, _unlessTerms, TermFlags.Unless);
        var groups = new List<int>[termCount];
        for (var group = 0; group < _groupTerms.Length; group++)
        {
            foreach (var term in _groupTerms[group])
            {
                (groups[term] ??= []).Add(group);
            }
        }

        Terms = new TermRules[termCount];
        for (var term = 0; term < termCount; term++)
        {
            Terms[term] = new TermRules(flags[term], phraseRule[term], groups[term]?.ToArray() ?? []);
        }

        Scores = Mask([.. _phraseTerms.SelectMany(t => t), .. _groupTerms.SelectMany(t => t)], termCount);
        Requires = _requireTerms.Select(r => Mask(r, termCount)).ToArray();
        Severity = _severityTerms.Select(s => Mask(s, termCount)).ToArray();

        _severityRuleTexts = _severityTerms.Select(_ => new QuotedRule?[termCount]).ToArray();
    }

    /// <summary>Why an exclude phrase rules the topic out, as <c>excluded by "electricity"</c>.</summary>
    public string ExclusionOf(int term) => _exclusions[term];

    /// <summary>
    /// The text naming severity rule <paramref name="rule"/> and the words of <paramref name="term"/> that set it, as
    /// <c>tariffs/new or threatened tariff: "threatens"</c>. A term is mostly written one way, so the text last made
    /// for it is kept; threads may race to replace it, and each entry is whole, so any one they read is right.
    /// </summary>
    public string SeverityRuleText(int rule, int term, ReadOnlySpan<char> words)
    {
        if (_severityRuleTexts[rule][term] is { } known && words.SequenceEqual(known.Words))
        {
            return known.Text;
        }

        var made = new QuotedRule(words.ToString(), $"{Definition.Id}/{Definition.Severity![rule].Name}: \"{words}\"");
        _severityRuleTexts[rule][term] = made;
        return made.Text;
    }

    private static void Flag(TermFlags[] flags, int[] terms, TermFlags flag)
    {
        foreach (var term in terms)
        {
            flags[term] |= flag;
        }
    }

    private static bool[] Mask(int[] terms, int termCount)
    {
        var mask = new bool[termCount];
        foreach (var term in terms)
        {
            mask[term] = true;
        }

        return mask;
    }

    private sealed record QuotedRule(string Words, string Text);

    private sealed record CoOccurrence(string Name, IReadOnlyList<IReadOnlyList<string>> Groups, int Window, double Weight);
}

/// <summary>A <c>near</c> or <c>proximity</c> rule: a hit of every group (indexes into the topic's groups) within <see cref="Window"/> words.</summary>
internal sealed record CoOccurrenceRule(string Name, int[] Groups, int Window, double Weight);
