namespace Alerts.Core.Classification.Learned;

/// <summary>
/// The topic model applied to the tokens the classifier already has: the model's words are registered in the
/// classifier's vocabulary, so each token's id leads by array lookups to its weights, and a pair's second id is
/// found in the sorted run of its first (laid out like the phrase trie's edges). Nothing is allocated per item
/// unless evidence is asked for.
/// </summary>
internal sealed class TopicModelScorer
{
    /// <summary>How many of the words that raised a topic's probability most are kept as evidence.</summary>
    public const int EvidenceCount = 5;

    [ThreadStatic]
    private static int[]? _seen;

    [ThreadStatic]
    private static int _item;

    // The log-odds of every topic for the item last scored on this thread, by this scorer.
    [ThreadStatic]
    private static double[]? _logits;

    [ThreadStatic]
    private static object? _scoredItem;

    [ThreadStatic]
    private static TopicModelScorer? _scoredBy;

    private readonly TopicModelTopic?[] _topics;
    private readonly int _topicCount;
    private readonly string[] _features;
    private readonly int[] _featureOfWord;

    // Pairs by first word: those of word id w are at [_firstPair[w], _firstPair[w + 1]), sorted by second word id.
    private readonly int[] _firstPair;
    private readonly int[] _pairSecond;
    private readonly int[] _pairFeature;
    private readonly double[] _weights;

    // topicIds: The classifier's topics in its order; topics the model lacks are left to the rules.
    public TopicModelScorer(TopicModel model, IReadOnlyList<string> topicIds, Vocabulary vocabulary)
    {
        _topicCount = topicIds.Count;
        _topics = topicIds.Select(id => model.Topics.FirstOrDefault(t => t.Id == id)).ToArray();
        _features = _topics.Where(t => t is not null).SelectMany(t => t!.Weights.Keys).Distinct().Order(StringComparer.Ordinal).ToArray();
        var words = _features.Select(f => f.Split(' ').Select(w => vocabulary.Add(w)).ToArray()).ToArray();
        _featureOfWord = Enumerable.Repeat(-1, vocabulary.Size).ToArray();
        var pairs = words.Select((w, f) => (Words: w, Feature: f)).Where(p => p.Words.Length == 2)
            .OrderBy(p => p.Words[0]).ThenBy(p => p.Words[1]).ToArray();
        _firstPair = new int[vocabulary.Size + 1];
        foreach (var pair in pairs)
        {
            _firstPair[pair.Words[0] + 1]++;
        }

        for (var w = 0; w < vocabulary.Size; w++)
        {
            _firstPair[w + 1] += _firstPair[w];
        }

        _pairSecond = [.. pairs.Select(p => p.Words[1])];
        _pairFeature = [.. pairs.Select(p => p.Feature)];
        _weights = new double[_features.Length * _topicCount];
        for (var f = 0; f < _features.Length; f++)
        {
            if (words[f] is [var word])
            {
                _featureOfWord[word] = f;
            }

            for (var t = 0; t < _topicCount; t++)
            {
                _weights[(f * _topicCount) + t] = _topics[t]?.Weights.GetValueOrDefault(_features[f]) ?? 0;
            }
        }
    }

    public bool Covers(int topic) => _topics[topic] is not null;

    /// <summary>The probability from which the model backs a match of <paramref name="topic"/>, or null when it never does.</summary>
    public double? ThresholdOf(int topic) => _topics[topic]?.Threshold;

    /// <summary>
    /// The model's probability that the item is about <paramref name="topic"/>; each feature counts once. One pass
    /// scores every topic; asking again for the same <paramref name="item"/> (any object standing for it) reads that.
    /// </summary>
    public double Probability(int topic, List<Token> tokens, object item)
    {
        if (!ReferenceEquals(item, _scoredItem) || !ReferenceEquals(this, _scoredBy))
        {
            Score(tokens, _logits is { } logits && logits.Length >= _topicCount ? logits : _logits = new double[_topicCount]);
            (_scoredItem, _scoredBy) = (item, this);
        }

        return TopicModelTopic.Sigmoid(_logits![topic]);
    }

    private void Score(List<Token> tokens, double[] logits)
    {
        for (var t = 0; t < _topicCount; t++)
        {
            logits[t] = _topics[t]?.Bias ?? 0;
        }

        var seen = NextItem();
        var item = _item;
        var previous = Vocabulary.Unknown;
        foreach (var token in tokens)
        {
            var id = token.Id;
            if ((uint)id >= (uint)_featureOfWord.Length)
            {
                previous = Vocabulary.Unknown;
                continue;
            }

            if (_featureOfWord[id] is var f and >= 0 && seen[f] != item)
            {
                seen[f] = item;
                Add(logits, f);
            }

            if (previous >= 0 && PairFeature(previous, id) is var p and >= 0 && seen[p] != item)
            {
                seen[p] = item;
                Add(logits, p);
            }

            previous = id;
        }
    }

    private void Add(double[] logits, int feature)
    {
        var weights = _weights.AsSpan(feature * _topicCount, _topicCount);
        for (var t = 0; t < weights.Length; t++)
        {
            logits[t] += weights[t];
        }
    }

    /// <summary>Every feature present, once, with its weight for <paramref name="topic"/> and where it first stands, by weight, largest first.</summary>
    public List<(string Feature, double Weight, int First, int Last)> Contributions(int topic, List<Token> tokens)
    {
        var found = new List<(string Feature, double Weight, int First, int Last)>();
        var seen = NextItem();
        var item = _item;
        var previous = Vocabulary.Unknown;
        for (var i = 0; i < tokens.Count; i++)
        {
            var id = tokens[i].Id;
            if ((uint)id >= (uint)_featureOfWord.Length)
            {
                previous = Vocabulary.Unknown;
                continue;
            }

            if (_featureOfWord[id] is var f and >= 0 && seen[f] != item)
            {
                seen[f] = item;
                found.Add((_features[f], _weights[(f * _topicCount) + topic], i, i));
            }

            if (previous >= 0 && PairFeature(previous, id) is var p and >= 0 && seen[p] != item)
            {
                seen[p] = item;
                found.Add((_features[p], _weights[(p * _topicCount) + topic], i - 1, i));
            }

            previous = id;
        }

        // Stable, so equal weights keep text order and the evidence is the same every run.
        return [.. found.OrderByDescending(c => c.Weight)];
    }

    /// <summary>This thread's marks of the features already counted, for a new item.</summary>
    private int[] NextItem()
    {
        if (_seen is null || _seen.Length < _features.Length)
        {
            _seen = new int[Math.Max(_features.Length, 256)];
            _item = 0;
        }

        if (++_item == int.MaxValue)
        {
            Array.Clear(_seen);
            _item = 1;
        }

        return _seen;
    }

    /// <summary>The feature of the pair of word ids <paramref name="first"/>, <paramref name="second"/>, or -1.</summary>
    private int PairFeature(int first, int second)
    {
        var low = _firstPair[first];
        var high = _firstPair[first + 1] - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var id = _pairSecond[middle];
            if (id == second)
            {
                return _pairFeature[middle];
            }

            if (id < second)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return -1;
    }
}
