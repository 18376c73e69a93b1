namespace Alerts.Core.Classification.Learned;

/// <summary>
/// The topic model applied to the tokens the classifier already has: the model's words are registered in the
/// classifier's vocabulary, so each token's id leads by array lookups to its weights, and adjacent ids to a pair's.
/// Nothing is allocated per item unless evidence is asked for.
/// </summary>
internal sealed class TopicModelScorer
{
    /// <summary>How many of the words that raised a topic's probability most are kept as evidence.</summary>
    public const int EvidenceCount = 5;

    [ThreadStatic]
    private static int[]? _seen;

    [ThreadStatic]
    private static int _item;

    private readonly TopicModelTopic?[] _topics;
    private readonly int _topicCount;
    private readonly string[] _features;
    private readonly int[] _featureOfWord;
    private readonly bool[] _startsPair;
    private readonly Dictionary<long, int> _featureOfPair = [];
    private readonly double[] _weights;

    // topicIds: The classifier's topics in its order; topics the model lacks are left to the rules.
    public TopicModelScorer(TopicModel model, IReadOnlyList<string> topicIds, Vocabulary vocabulary)
    {
        _topicCount = topicIds.Count;
        _topics = topicIds.Select(id => model.Topics.FirstOrDefault(t => t.Id == id)).ToArray();
        _features = _topics.Where(t => t is not null).SelectMany(t => t!.Weights.Keys).Distinct().Order(StringComparer.Ordinal).ToArray();
        var words = _features.Select(f => f.Split(' ').Select(w => vocabulary.Add(w)).ToArray()).ToArray();
        _featureOfWord = Enumerable.Repeat(-1, vocabulary.Size).ToArray();
        _startsPair = new bool[vocabulary.Size];
        _weights = new double[_features.Length * _topicCount];
        for (var f = 0; f < _features.Length; f++)
        {
            if (words[f] is [var word])
            {
                _featureOfWord[word] = f;
            }
            else
            {
                _startsPair[words[f][0]] = true;
                _featureOfPair[Pair(words[f][0], words[f][1])] = f;
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

    /// <summary>The model's probability that the item is about <paramref name="topic"/>; each feature counts once.</summary>
    public double Probability(int topic, List<Token> tokens)
    {
        var seen = NextItem();
        var z = _topics[topic]!.Bias;
        var previous = Vocabulary.Unknown;
        foreach (var token in tokens)
        {
            var id = token.Id;
            if ((uint)id >= (uint)_featureOfWord.Length)
            {
                previous = Vocabulary.Unknown;
                continue;
            }

            if (_featureOfWord[id] is var f and >= 0 && seen[f] != _item)
            {
                seen[f] = _item;
                z += _weights[(f * _topicCount) + topic];
            }

            if (previous >= 0 && _startsPair[previous] && _featureOfPair.TryGetValue(Pair(previous, id), out var p) && seen[p] != _item)
            {
                seen[p] = _item;
                z += _weights[(p * _topicCount) + topic];
            }

            previous = id;
        }

        return TopicModelTopic.Sigmoid(z);
    }

    /// <summary>Every feature present, once, with its weight for <paramref name="topic"/> and where it first stands, by weight, largest first.</summary>
    public List<(string Feature, double Weight, int First, int Last)> Contributions(int topic, List<Token> tokens)
    {
        var found = new List<(string Feature, double Weight, int First, int Last)>();
        var seen = NextItem();
        var previous = Vocabulary.Unknown;
        for (var i = 0; i < tokens.Count; i++)
        {
            var id = tokens[i].Id;
            if ((uint)id >= (uint)_featureOfWord.Length)
            {
                previous = Vocabulary.Unknown;
                continue;
            }

            if (_featureOfWord[id] is var f and >= 0 && seen[f] != _item)
            {
                seen[f] = _item;
                found.Add((_features[f], _weights[(f * _topicCount) + topic], i, i));
            }

            if (previous >= 0 && _startsPair[previous] && _featureOfPair.TryGetValue(Pair(previous, id), out var p) && seen[p] != _item)
            {
                seen[p] = _item;
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

    private static long Pair(int first, int second) => ((long)first << 32) | (uint)second;
}
