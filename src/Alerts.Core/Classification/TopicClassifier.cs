using System.Runtime.InteropServices;

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

    public Classification Classify(string title, string? summary) => Run(title, summary, null);

    public ClassificationExplanation Explain(string title, string? summary)
    {
        var topics = new List<TopicExplanation>();
        var classification = Run(title, summary, topics);
        return new ClassificationExplanation(TextOf(title, summary), classification, topics);
    }

    private Classification Run(string title, string? summary, List<TopicExplanation>? explain)
    {
        // Title and summary are read in place: the text they make joined is never built.
        var cleanTitle = TextNormaliser.Clean(title);
        var cleanSummary = TextNormaliser.Clean(summary);
        var scratch = _scratch ??= new Scratch();
        var text = scratch.Reset(cleanTitle, cleanSummary);
        _index.Tokeniser.Tokenise(cleanTitle, scratch.Tokens);
        var titleTokens = scratch.Tokens.Count;
        _index.Tokeniser.Tokenise(cleanSummary, cleanTitle.Length + 1, scratch.Tokens);
        _index.Scan(scratch.Tokens, scratch.Hits);

        List<TopicMatch>? matches = null;
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

            var score = 1 - Math.Exp(-total);
            (matches ??= new List<TopicMatch>(_topics.Length)).Add(byModel?.Match ?? RuleMatch(topic, score, evidence, scratch));
            var found = SeverityOf(topic, scratch, evidence, text);
            if (found is not null && (severity is null || (severity.Value.Level == Severity.Medium && found.Value.Level == Severity.High)))
            {
                severity = found;
            }
            else if (severity is null && total > 0 && score >= topic.Definition.MediumScore)
            {
                severity = (Severity.Medium, topic.MediumRule);
            }
        }

        return new Classification(
            matches ?? (IReadOnlyList<TopicMatch>)[],
            severity?.Level ?? Severity.Low,
            severity?.Rule ?? (matches is not null ? "default" : null),
            _entities.Find(scratch.Hits),
            _figures.Find(text, scratch.Tokens, scratch.Hits));
    }

    private static TopicMatch RuleMatch(CompiledTopic topic, double score, List<Hit> evidence, Scratch scratch)
    {
        var evidenceList = new List<Evidence>(evidence.Count);
        foreach (var hit in evidence)
        {
            evidenceList.Add(EvidenceOf(scratch, hit));
        }

        return new TopicMatch(topic.Definition.Id, Math.Round(score, 3), evidenceList);
    }

    /// <summary>The topic's total and its evidence hits (sorted, distinct), or null evidence when it does not match.</summary>
    private static (double Total, List<Hit>? Evidence) Score(CompiledTopic topic, Scratch scratch, int titleTokens, List<TopicExplanation>? explain)
    {
        var hits = scratch.Hits;
        if (explain is null && !Contains(hits, topic.Scores))
        {
            // Nothing here can score for this topic: it does not match, and only an explanation needs the rest.
            return (0, null);
        }

        var rules = topic.Terms;
        var negatives = scratch.Negatives;
        negatives.Clear();
        foreach (var hit in CollectionsMarshal.AsSpan(hits))
        {
            if ((rules[hit.Term].Flags & TermFlags.Negative) != 0)
            {
                negatives.Add(hit);
            }
        }

        var live = hits;
        if (negatives.Count > 0)
        {
            live = scratch.Live;
            live.Clear();
            foreach (var hit in CollectionsMarshal.AsSpan(hits))
            {
                if (!IsCancelled(rules, negatives, hit))
                {
                    live.Add(hit);
                }
            }
        }

        // One pass over the live hits: phrase rules keep their best hit, co-occurrence groups collect theirs.
        var definition = topic.Definition;
        var evidence = scratch.Evidence;
        evidence.Clear();
        var weights = topic.PhraseWeights;
        var best = scratch.Best(weights.Length);
        var bestHits = scratch.BestHits(weights.Length);
        var scored = scratch.Scored;
        scored.Clear();
        var groups = scratch.Groups(topic.Groups);
        var excluded = -1;
        var seen = TermFlags.None;
        foreach (var hit in CollectionsMarshal.AsSpan(live))
        {
            var term = rules[hit.Term];
            seen |= term.Flags;
            if (excluded < 0 && (term.Flags & TermFlags.Exclude) != 0)
            {
                excluded = hit.Term;
            }

            foreach (var group in term.Groups)
            {
                groups[group].Add(hit);
            }

            if (term.PhraseRule < 0)
            {
                continue;
            }

            evidence.Add(hit);
            var weight = weights[term.PhraseRule] * (hit.Last < titleTokens ? definition.TitleBoost : 1);
            if (weight > best[term.PhraseRule])
            {
                if (best[term.PhraseRule] == 0)
                {
                    scored.Add(term.PhraseRule);
                }

                best[term.PhraseRule] = weight;
                bestHits[term.PhraseRule] = hit;
            }
        }

        var ruledOut = RuledOut(topic, live, excluded, seen);
        var contributions = explain is null ? null : new List<Contribution>();
        var total = 0.0;

        // In rule order, as the file lists them, and leaving the buffer zeroed for the next topic.
        scored.Sort();
        foreach (var rule in scored)
        {
            total += best[rule];
            contributions?.Add(new Contribution(definition.Phrases[rule].Text, best[rule], [EvidenceOf(scratch, bestHits[rule])]));
            best[rule] = 0;
        }

        foreach (var rule in topic.Rules)
        {
            if (!AllHit(rule, groups))
            {
                continue;
            }

            var chosen = scratch.Chosen(rule.Groups.Length);
            if (!FindCoOccurrence(rule, groups, titleTokens, chosen, scratch.Trial(rule.Groups.Length)))
            {
                continue;
            }

            var inTitle = true;
            foreach (var hit in chosen)
            {
                inTitle &= hit.Last < titleTokens;
                evidence.Add(hit);
            }

            var weight = rule.Weight * (inTitle ? definition.TitleBoost : 1);
            total += weight;
            if (contributions is not null)
            {
                var parts = new List<Evidence>(chosen.Length);
                foreach (var hit in chosen)
                {
                    parts.Add(EvidenceOf(scratch, hit));
                }

                contributions.Add(new Contribution(rule.Name, weight, parts));
            }
        }

        var matched = ruledOut is null && total >= definition.Threshold && evidence.Count > 0;
        explain?.Add(new TopicExplanation(definition.Id, Math.Round(total, 3), definition.Threshold, matched, ruledOut, contributions!));
        if (!matched)
        {
            return (total, null);
        }

        SortByPosition(evidence);
        var distinct = scratch.Distinct;
        distinct.Clear();
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
    private static string? RuledOut(CompiledTopic topic, List<Hit> live, int excluded, TermFlags seen)
    {
        if (excluded >= 0 && (seen & TermFlags.Unless) == 0)
        {
            return topic.ExclusionOf(excluded);
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
        foreach (var hit in CollectionsMarshal.AsSpan(hits))
        {
            if (mask[hit.Term])
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsCancelled(TermRules[] rules, List<Hit> negatives, Hit hit)
    {
        foreach (var negative in CollectionsMarshal.AsSpan(negatives))
        {
            if (negative.First <= hit.First && hit.Last <= negative.Last && (rules[hit.Term].Flags & TermFlags.Negative) == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>By first token, and the longer of two hits that start together first; evidence lists are short.</summary>
    private static void SortByPosition(List<Hit> hits)
    {
        for (var i = 1; i < hits.Count; i++)
        {
            var hit = hits[i];
            var j = i - 1;
            while (j >= 0 && (hits[j].First > hit.First || (hits[j].First == hit.First && hits[j].Last < hit.Last)))
            {
                hits[j + 1] = hits[j];
                j--;
            }

            hits[j + 1] = hit;
        }
    }

    private static bool AllHit(CoOccurrenceRule rule, List<Hit>[] groups)
    {
        foreach (var group in rule.Groups)
        {
            if (groups[group].Count == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Fills <paramref name="chosen"/> with one hit of each of the rule's groups, none overlapping another, the first and
    /// last at most the rule's window apart (anywhere when 0): all within the title when they can be, since that weighs
    /// more, else the closest. False when there is no such choice.
    /// </summary>
    private static bool FindCoOccurrence(CoOccurrenceRule rule, List<Hit>[] groups, int titleTokens, Hit[] chosen, Hit[] trial)
    {
        var bestRank = int.MaxValue;
        if (rule.Groups.Length == 2)
        {
            // Most rules pair two lists: a plain double loop, ranked as Choose ranks.
            foreach (var a in CollectionsMarshal.AsSpan(groups[rule.Groups[0]]))
            {
                foreach (var b in CollectionsMarshal.AsSpan(groups[rule.Groups[1]]))
                {
                    if (a.First <= b.Last && b.First <= a.Last)
                    {
                        continue;
                    }

                    var gap = a.Last < b.First ? b.First - a.Last - 1 : a.First - b.Last - 1;
                    var rank = gap + (a.Last < titleTokens && b.Last < titleTokens ? 0 : 1000);
                    if ((rule.Window <= 0 || gap <= rule.Window) && rank < bestRank)
                    {
                        bestRank = rank;
                        chosen[0] = a;
                        chosen[1] = b;
                    }
                }
            }

            return bestRank != int.MaxValue;
        }

        Choose(rule, groups, titleTokens, 0, trial, chosen, ref bestRank);
        return bestRank != int.MaxValue;
    }

    private static void Choose(CoOccurrenceRule rule, List<Hit>[] groups, int titleTokens, int depth, Hit[] trial, Hit[] chosen, ref int bestRank)
    {
        foreach (var hit in CollectionsMarshal.AsSpan(groups[rule.Groups[depth]]))
        {
            if (Overlaps(trial, depth, hit))
            {
                continue;
            }

            trial[depth] = hit;
            var span = Span(trial, depth + 1, titleTokens);
            if (rule.Window > 0 && span.Gap > rule.Window)
            {
                continue;
            }

            if (depth + 1 < trial.Length)
            {
                Choose(rule, groups, titleTokens, depth + 1, trial, chosen, ref bestRank);
            }
            else if (span.Gap + (span.InTitle ? 0 : 1000) < bestRank)
            {
                bestRank = span.Gap + (span.InTitle ? 0 : 1000);
                trial.CopyTo(chosen, 0);
            }
        }
    }

    private static bool Overlaps(Hit[] trial, int count, Hit hit)
    {
        for (var k = 0; k < count; k++)
        {
            if (trial[k].First <= hit.Last && hit.First <= trial[k].Last)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Words between the first and the last of the hits (which do not overlap), and whether all are in the title.</summary>
    private static (int Gap, bool InTitle) Span(Hit[] hits, int count, int titleTokens)
    {
        var firstEnd = int.MaxValue;
        var lastStart = int.MinValue;
        var inTitle = true;
        for (var k = 0; k < count; k++)
        {
            firstEnd = Math.Min(firstEnd, hits[k].Last);
            lastStart = Math.Max(lastStart, hits[k].First);
            inTitle &= hits[k].Last < titleTokens;
        }

        return (count < 2 ? 0 : lastStart - firstEnd - 1, inTitle);
    }

    private static int Gap(Hit a, Hit b) => a.Last < b.First ? b.First - a.Last - 1 : b.Last < a.First ? a.First - b.Last - 1 : 0;

    private static (string Level, string Rule)? SeverityOf(CompiledTopic topic, Scratch scratch, List<Hit> evidence, ItemText text)
    {
        var rules = topic.Definition.Severity ?? [];
        (string, string)? medium = null;
        for (var r = 0; r < rules.Count; r++)
        {
            var rule = rules[r];
            foreach (var hit in CollectionsMarshal.AsSpan(scratch.Hits))
            {
                if (topic.Severity[r][hit.Term] && (rule.Window <= 0 || IsNear(evidence, hit, rule.Window)))
                {
                    var start = scratch.Tokens[hit.First].Start;
                    var found = (rule.Level, topic.SeverityRuleText(r, hit.Term, text.Span(start, scratch.Tokens[hit.Last].End - start)));
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
        foreach (var e in CollectionsMarshal.AsSpan(evidence))
        {
            if (Gap(e, hit) <= window)
            {
                return true;
            }
        }

        return false;
    }

    private static Evidence EvidenceOf(Scratch scratch, Hit hit) => EvidenceOf(scratch.Text, scratch.Tokens, hit);

    private static Evidence EvidenceOf(ItemText text, List<Token> tokens, Hit hit)
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
        private List<Hit>[] _groups = [];
        private Hit[][] _chosen = [];
        private Hit[][] _trial = [];

        public List<Token> Tokens { get; } = new(256);

        public List<Hit> Hits { get; } = new(64);

        public List<Hit> Live { get; } = new(64);

        public List<Hit> Negatives { get; } = new(8);

        public List<Hit> Evidence { get; } = new(32);

        public List<Hit> Distinct { get; } = new(32);

        public RecentStrings Strings { get; } = new();

        public ItemText Text { get; private set; }

        public ItemText Reset(string title, string summary)
        {
            Text = new ItemText(title, summary, Strings);
            Tokens.Clear();
            Hits.Clear();
            return Text;
        }

        /// <summary>The phrase rules that scored for the topic in hand.</summary>
        public List<int> Scored { get; } = new(32);

        /// <summary>Each phrase rule's best weight so far; all zero between topics.</summary>
        public double[] Best(int count)
        {
            if (_best.Length < count)
            {
                _best = new double[count];
            }

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

        /// <summary>Empty hit lists for a topic's co-occurrence groups.</summary>
        public List<Hit>[] Groups(int count)
        {
            if (_groups.Length < count)
            {
                var grown = new List<Hit>[count];
                _groups.CopyTo(grown, 0);
                for (var k = _groups.Length; k < count; k++)
                {
                    grown[k] = new List<Hit>(8);
                }

                _groups = grown;
            }

            for (var k = 0; k < count; k++)
            {
                _groups[k].Clear();
            }

            return _groups;
        }

        /// <summary>The hits a co-occurrence rule of <paramref name="count"/> groups chose.</summary>
        public Hit[] Chosen(int count) => Of(ref _chosen, count);

        /// <summary>The hits a co-occurrence rule of <paramref name="count"/> groups is trying.</summary>
        public Hit[] Trial(int count) => Of(ref _trial, count);

        private static Hit[] Of(ref Hit[][] bySize, int count)
        {
            if (bySize.Length <= count)
            {
                Array.Resize(ref bySize, count + 1);
            }

            return bySize[count] ??= new Hit[count];
        }
    }
}
