namespace Alerts.Core.Classification;

/// <summary>A topic's rules as term masks over the <see cref="PhraseIndex"/>, so each hit is judged by array lookups.</summary>
internal sealed class CompiledTopic
{
    public CompiledTopic(TopicDefinition definition, TopicDefinitions all, PhraseIndex index)
    {
        Definition = definition;
        int[] Terms(IEnumerable<string>? phrases) => all.Expand(phrases).Select(index.Add).Distinct().ToArray();

        PhraseTerms = definition.Phrases.Select(p => Terms([p.Text])).ToArray();
        NegativeTerms = Terms(definition.Negatives);
        ExcludeTerms = Terms(definition.Excludes);
        UnlessTerms = Terms(definition.ExcludeUnless);
        RequireTerms = (definition.Requires ?? []).Select(r => Terms(r)).ToArray();
        NearTerms = (definition.Near ?? []).Select(n => (Terms(n.A), Terms(n.B))).ToArray();
        SeverityTerms = (definition.Severity ?? []).Select(s => Terms(s.When)).ToArray();
    }

    public TopicDefinition Definition { get; }

    private int[][] PhraseTerms { get; }

    private int[] NegativeTerms { get; }

    private int[] ExcludeTerms { get; }

    private int[] UnlessTerms { get; }

    private int[][] RequireTerms { get; }

    private (int[] A, int[] B)[] NearTerms { get; }

    private int[][] SeverityTerms { get; }

    /// <summary>Per term: the index of the phrase rule it belongs to, or -1.</summary>
    public int[] PhraseRule { get; private set; } = [];

    public bool[] Negative { get; private set; } = [];

    public bool[] Exclude { get; private set; } = [];

    public bool[] Unless { get; private set; } = [];

    public bool[][] Requires { get; private set; } = [];

    public (bool[] A, bool[] B)[] Near { get; private set; } = [];

    public bool[][] Severity { get; private set; } = [];

    /// <summary>Per term: whether it can add to the score (a phrase rule or either side of a co-occurrence rule).</summary>
    public bool[] Scores { get; private set; } = [];

    /// <summary>Per term: bit r set when the term is on side A (or B) of co-occurrence rule r (the first 64 rules).</summary>
    public ulong[] NearA { get; private set; } = [];

    /// <summary>The B side of <see cref="NearA"/>.</summary>
    public ulong[] NearB { get; private set; } = [];

    /// <summary>Builds the masks once every topic and the gazetteer have registered their terms.</summary>
    public void Freeze(int termCount)
    {
        PhraseRule = Enumerable.Repeat(-1, termCount).ToArray();
        for (var rule = 0; rule < PhraseTerms.Length; rule++)
        {
            foreach (var term in PhraseTerms[rule])
            {
                if (PhraseRule[term] < 0 || Definition.Phrases[rule].Weight > Definition.Phrases[PhraseRule[term]].Weight)
                {
                    PhraseRule[term] = rule;
                }
            }
        }

        Negative = Mask(NegativeTerms, termCount);
        Exclude = Mask(ExcludeTerms, termCount);
        Unless = Mask(UnlessTerms, termCount);
        Requires = RequireTerms.Select(r => Mask(r, termCount)).ToArray();
        Near = NearTerms.Select(n => (Mask(n.A, termCount), Mask(n.B, termCount))).ToArray();
        Severity = SeverityTerms.Select(s => Mask(s, termCount)).ToArray();
        NearA = NearBits(NearTerms.Select(n => n.A), termCount);
        NearB = NearBits(NearTerms.Select(n => n.B), termCount);
        Scores = Mask([.. PhraseTerms.SelectMany(t => t), .. NearTerms.SelectMany(n => n.A.Concat(n.B))], termCount);
    }

    /// <summary>Whether co-occurrence rule <paramref name="rule"/> may have a pair among hits whose <see cref="NearA"/> and <see cref="NearB"/> bits were or-ed together.</summary>
    public static bool MayPair(int rule, ulong a, ulong b) => rule >= 64 || ((a & b & (1UL << rule)) != 0);

    private static ulong[] NearBits(IEnumerable<int[]> sides, int termCount)
    {
        var bits = new ulong[termCount];
        var rule = 0;
        foreach (var side in sides)
        {
            if (rule < 64)
            {
                foreach (var term in side)
                {
                    bits[term] |= 1UL << rule;
                }
            }

            rule++;
        }

        return bits;
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
}
