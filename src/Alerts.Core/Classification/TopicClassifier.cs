namespace Alerts.Core.Classification;

/// <summary>
/// Rule-based, multi-label classifier. The text is normalised and tokenised once; one trie pass finds every phrase of
/// every topic and of the gazetteer. Per topic: negative contexts cancel the phrases inside them, excludes rule the
/// topic out, required groups must be present, weighted phrases and co-occurrence rules add up, and the total is
/// compared with the topic's threshold. Each match keeps its evidence with character offsets.
/// </summary>
public sealed partial class TopicClassifier
{
    [ThreadStatic]
    private static Scratch? _scratch;

    private readonly PhraseIndex _index;
    private readonly CompiledTopic[] _topics;
    private readonly EntityFinder _entities;
    private readonly FigureFinder _figures;

    public TopicClassifier(TopicDefinitions definitions)
        : this(definitions, Gazetteer.Embedded())
    {
    }

    // model: The learned topic model beside the rules, or null for the rules alone.
    public TopicClassifier(TopicDefinitions definitions, Gazetteer gazetteer, Learned.TopicModel? model = null)
    {
        var spellings = definitions.Spellings ?? new Dictionary<string, string>();
        var vocabulary = new Vocabulary();
        _index = new PhraseIndex(new Tokeniser(vocabulary, spellings));
        _topics = definitions.Topics.Select(t => new CompiledTopic(t, definitions, _index)).ToArray();
        _entities = new EntityFinder(gazetteer, _index);
        _figures = new FigureFinder(_index, definitions.RateWords ?? []);
        UseModel(model, vocabulary);
        foreach (var topic in _topics)
        {
            topic.Freeze(_index.TermCount);
        }

        _index.Freeze();
    }

    public IEnumerable<string> TopicIds => _topics.Select(t => t.Definition.Id);

    /// <summary>The text the offsets in <see cref="Evidence"/> refer to: the cleaned title, a newline, the cleaned summary.</summary>
    public static string TextOf(string title, string? summary) => TextNormaliser.Clean(title) + "\n" + TextNormaliser.Clean(summary);

    public Classification Classify(string title, string? summary) => Run(title, summary, null).Classification;

    public ClassificationExplanation Explain(string title, string? summary)
    {
        var topics = new List<TopicExplanation>();
        var (text, classification) = Run(title, summary, topics);
        return new ClassificationExplanation(text, classification, topics);
    }

    private (string Text, Classification Classification) Run(string title, string? summary, List<TopicExplanation>? explain)
    {
        var cleanTitle = TextNormaliser.Clean(title);
        var text = cleanTitle + "\n" + TextNormaliser.Clean(summary);
        var scratch = _scratch ??= new Scratch();
        scratch.Reset(text);
        _index.Tokeniser.Tokenise(text, scratch.Tokens);
        _index.Scan(scratch.Tokens, scratch.Hits);
        var titleTokens = 0;
        while (titleTokens < scratch.Tokens.Count && scratch.Tokens[titleTokens].End <= cleanTitle.Length)
        {
            titleTokens++;
        }

        var matches = new List<TopicMatch>();
        (string Level, string Rule)? severity = null;
        for (var t = 0; t < _topics.Length; t++)
        {
            var topic = _topics[t];
            var (total, evidence) = Score(topic, scratch, titleTokens, explain);
            var byModel = ModelMatch(t, evidence is not null, scratch, explain);
            evidence ??= byModel?.Evidence;
            if (evidence is null)
            {
                continue;
            }

            var evidenceList = new List<Evidence>(evidence.Count);
            foreach (var hit in evidence)
            {
                evidenceList.Add(EvidenceOf(text, scratch.Tokens, hit));
            }

            matches.Add(byModel?.Match ?? new TopicMatch(topic.Definition.Id, Math.Round(1 - Math.Exp(-total), 3), evidenceList));
            var found = SeverityOf(topic, scratch, evidence, text);
            if (found is not null && (severity is null || (severity.Value.Level == Severity.Medium && found.Value.Level == Severity.High)))
            {
                severity = found;
            }
            else if (severity is null && total > 0 && 1 - Math.Exp(-total) >= topic.Definition.MediumScore)
            {
                severity = (Severity.Medium, $"{topic.Definition.Id}/score >= {topic.Definition.MediumScore}");
            }
        }

        var classification = new Classification(
            matches,
            severity?.Level ?? Severity.Low,
            severity?.Rule ?? (matches.Count > 0 ? "default" : null),
            _entities.Find(scratch.Hits),
            _figures.Find(text, scratch.Tokens, scratch.Hits));
        return (text, classification);
    }

    /// <summary>The topic's total and its evidence hits (sorted, distinct), or null evidence when it does not match.</summary>
    private (double Total, List<Hit>? Evidence) Score(CompiledTopic topic, Scratch scratch, int titleTokens, List<TopicExplanation>? explain)
    {
        var hits = scratch.Hits;
        if (explain is null && !Contains(hits, topic.Scores))
        {
            // Nothing here can score for this topic: it does not match, and only an explanation needs the rest.
            return (0, null);
        }

        var negatives = scratch.Negatives;
        negatives.Clear();
        foreach (var hit in hits)
        {
            if (topic.Negative[hit.Term])
            {
                negatives.Add(hit);
            }
        }

        var live = hits;
        if (negatives.Count > 0)
        {
            live = scratch.Live;
            live.Clear();
            foreach (var hit in hits)
            {
                if (!IsCancelled(topic, negatives, hit))
                {
                    live.Add(hit);
                }
            }
        }

        var ruledOut = RuledOut(topic, hits, live);
        var definition = topic.Definition;
        var contributions = explain is null ? null : new List<Contribution>();
        var evidence = scratch.Evidence;
        evidence.Clear();
        var total = 0.0;
        var best = scratch.Best(definition.Phrases.Count);
        var bestHits = scratch.BestHits(definition.Phrases.Count);
        ulong nearA = 0, nearB = 0;
        foreach (var hit in live)
        {
            nearA |= topic.NearA[hit.Term];
            nearB |= topic.NearB[hit.Term];
            var rule = topic.PhraseRule[hit.Term];
            if (rule < 0)
            {
                continue;
            }

            evidence.Add(hit);
            var weight = definition.Phrases[rule].Weight * (hit.Last < titleTokens ? definition.TitleBoost : 1);
            if (weight > best[rule])
            {
                best[rule] = weight;
                bestHits[rule] = hit;
            }
        }

        for (var rule = 0; rule < definition.Phrases.Count; rule++)
        {
            if (best[rule] > 0)
            {
                total += best[rule];
                contributions?.Add(new Contribution(definition.Phrases[rule].Text, best[rule], [EvidenceOf(scratch, bestHits[rule])]));
            }
        }

        for (var rule = 0; rule < topic.Near.Length; rule++)
        {
            if (!CompiledTopic.MayPair(rule, nearA, nearB))
            {
                continue;
            }

            var near = definition.Near![rule];
            if (FindPair(live, topic.Near[rule], near.Window, titleTokens, scratch) is { } pair)
            {
                var weight = near.Weight * (pair.A.Last < titleTokens && pair.B.Last < titleTokens ? definition.TitleBoost : 1);
                total += weight;
                evidence.Add(pair.A);
                evidence.Add(pair.B);
                contributions?.Add(new Contribution(near.Name, weight, [EvidenceOf(scratch, pair.A), EvidenceOf(scratch, pair.B)]));
            }
        }

        var matched = ruledOut is null && total >= definition.Threshold && evidence.Count > 0;
        explain?.Add(new TopicExplanation(definition.Id, Math.Round(total, 3), definition.Threshold, matched, ruledOut, contributions!));
        if (!matched)
        {
            return (total, null);
        }

        evidence.Sort((x, y) => x.First != y.First ? x.First.CompareTo(y.First) : y.Last.CompareTo(x.Last));
        var distinct = new List<Hit>(evidence.Count);
        foreach (var hit in evidence)
        {
            // A phrase inside an earlier, longer piece of evidence adds nothing to read.
            if (distinct.Count == 0 || hit.Last > distinct[^1].Last)
            {
                distinct.Add(hit);
            }
        }

        return (total, distinct);
    }

    /// <summary>Why the topic cannot match whatever its score: an exclude phrase without an "unless" one, or a missing required group.</summary>
    private string? RuledOut(CompiledTopic topic, List<Hit> hits, List<Hit> live)
    {
        foreach (var hit in live)
        {
            if (topic.Exclude[hit.Term] && !Contains(hits, topic.Unless))
            {
                return "excluded by \"" + _index.TextOf(hit.Term) + "\"";
            }
        }

        foreach (var group in topic.Requires)
        {
            if (!Contains(live, group))
            {
                return "a required phrase group is missing";
            }
        }

        return null;
    }

    private static bool Contains(List<Hit> hits, bool[] mask)
    {
        foreach (var hit in hits)
        {
            if (mask[hit.Term])
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsCancelled(CompiledTopic topic, List<Hit> negatives, Hit hit)
    {
        foreach (var negative in negatives)
        {
            if (negative.First <= hit.First && hit.Last <= negative.Last && !topic.Negative[hit.Term])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A pair of hits, one from each list, at most <paramref name="window"/> words apart (any distance when 0): a pair
    /// within the title when there is one, since it weighs more, else the closest.
    /// </summary>
    private static (Hit A, Hit B)? FindPair(List<Hit> live, (bool[] A, bool[] B) masks, int window, int titleTokens, Scratch scratch)
    {
        var aHits = scratch.PairA;
        var bHits = scratch.PairB;
        aHits.Clear();
        bHits.Clear();
        foreach (var hit in live)
        {
            if (masks.A[hit.Term])
            {
                aHits.Add(hit);
            }

            if (masks.B[hit.Term])
            {
                bHits.Add(hit);
            }
        }

        (Hit, Hit)? found = null;
        var bestRank = int.MaxValue;
        foreach (var a in aHits)
        {
            foreach (var b in bHits)
            {
                if (a.First <= b.Last && b.First <= a.Last)
                {
                    continue;
                }

                var gap = Gap(a, b);
                var rank = gap + (a.Last < titleTokens && b.Last < titleTokens ? 0 : 1000);
                if ((window <= 0 || gap <= window) && rank < bestRank)
                {
                    bestRank = rank;
                    found = (a, b);
                }
            }
        }

        return found;
    }

    private static int Gap(Hit a, Hit b) => a.Last < b.First ? b.First - a.Last - 1 : b.Last < a.First ? a.First - b.Last - 1 : 0;

    private static (string Level, string Rule)? SeverityOf(CompiledTopic topic, Scratch scratch, List<Hit> evidence, string text)
    {
        var rules = topic.Definition.Severity ?? [];
        (string, string)? medium = null;
        for (var r = 0; r < rules.Count; r++)
        {
            var rule = rules[r];
            foreach (var hit in scratch.Hits)
            {
                if (topic.Severity[r][hit.Term] && (rule.Window <= 0 || IsNear(evidence, hit, rule.Window)))
                {
                    var found = (rule.Level, $"{topic.Definition.Id}/{rule.Name}: \"{EvidenceOf(text, scratch.Tokens, hit).Text}\"");
                    if (rule.Level == Severity.High)
                    {
                        return found;
                    }

                    medium ??= found;
                    break;
                }
            }
        }

        return medium;
    }

    private static bool IsNear(List<Hit> evidence, Hit hit, int window)
    {
        foreach (var e in evidence)
        {
            if (Gap(e, hit) <= window)
            {
                return true;
            }
        }

        return false;
    }

    private static Evidence EvidenceOf(Scratch scratch, Hit hit) => EvidenceOf(scratch.Text!, scratch.Tokens, hit);

    private static Evidence EvidenceOf(string text, List<Token> tokens, Hit hit)
    {
        var start = tokens[hit.First].Start;
        var end = tokens[hit.Last].End;
        return new Evidence(text[start..end], start, end);
    }

    /// <summary>Per-thread buffers, so classifying allocates little beyond its result.</summary>
    private sealed class Scratch
    {
        private double[] _best = new double[64];
        private Hit[] _bestHits = new Hit[64];

        public List<Token> Tokens { get; } = new(256);

        public List<Hit> Hits { get; } = new(64);

        public List<Hit> Live { get; } = new(64);

        public List<Hit> Negatives { get; } = new(8);

        public List<Hit> PairA { get; } = new(16);

        public List<Hit> PairB { get; } = new(16);

        public List<Hit> Evidence { get; } = new(32);

        public string? Text { get; private set; }

        public void Reset(string text)
        {
            Text = text;
            Tokens.Clear();
            Hits.Clear();
        }

        public double[] Best(int count)
        {
            if (_best.Length < count)
            {
                _best = new double[count];
            }

            Array.Clear(_best, 0, count);
            return _best;
        }

        public Hit[] BestHits(int count)
        {
            if (_bestHits.Length < count)
            {
                _bestHits = new Hit[count];
            }

            return _bestHits;
        }
    }
}
