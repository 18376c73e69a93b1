namespace Alerts.Core.Classification;

/// <summary>A phrase found in the text: its term and the first and last token it covers.</summary>
internal readonly record struct Hit(int Term, int First, int Last);

/// <summary>
/// Every phrase that any rule or the gazetteer uses, as a trie of normalised token ids, so one pass over an item's
/// tokens finds all of them at once whatever their number. A term is a distinct normalised token sequence.
/// </summary>
internal sealed class PhraseIndex
{
    private readonly Dictionary<long, int> _edges = [];

    // The root's edges by token id (0 where there is none: no edge leads back to the root), as most tokens of a text
    // start no phrase and one array read settles them.
    private int[] _root = new int[256];

    // Set by Freeze: every node's edges as runs sorted by token id, so Scan reads arrays rather than hashing.
    private int[] _firstEdge = [];
    private int[] _edgeIds = [];
    private int[] _edgeNodes = [];
    private int[] _terminals = [];
    private int[][] _classesByTerm = [];
    private readonly List<int> _terminal = [-1];
    private readonly Dictionary<string, int> _termsByKey = new(StringComparer.Ordinal);
    private readonly List<string> _texts = [];
    private readonly List<int[]> _classes = [];

    public PhraseIndex(Tokeniser tokeniser)
    {
        Tokeniser = tokeniser;
    }

    public Tokeniser Tokeniser { get; }

    public int TermCount => _texts.Count;

    /// <summary>The phrase a term was first registered as.</summary>
    public string TextOf(int term) => _texts[term];

    /// <summary>Registers a phrase and returns its term; phrases that normalise alike ("tariffs", "tariff") share one.</summary>
    public int Add(string phrase)
    {
        var ids = Tokeniser.Learn(phrase);
        if (ids.Length == 0)
        {
            throw new InvalidDataException($"The phrase \"{phrase}\" has no words.");
        }

        var key = string.Join(',', ids);
        if (_termsByKey.TryGetValue(key, out var term))
        {
            return term;
        }

        var node = 0;
        foreach (var id in ids)
        {
            var edge = ((long)node << 32) | (uint)id;
            if (!_edges.TryGetValue(edge, out var next))
            {
                next = _terminal.Count;
                _terminal.Add(-1);
                _edges[edge] = next;
                if (node == 0)
                {
                    if (id >= _root.Length)
                    {
                        Array.Resize(ref _root, Math.Max(id + 1, _root.Length * 2));
                    }

                    _root[id] = next;
                }
            }

            node = next;
        }

        term = _texts.Count;
        _terminal[node] = term;
        _termsByKey[key] = term;
        _texts.Add(phrase);
        _classes.Add([]);
        return term;
    }

    /// <summary>Makes every hit of <paramref name="term"/> also a hit of <paramref name="classTerm"/> (a country alias is also <c>#country</c>).</summary>
    public void AddClass(int term, int classTerm)
    {
        if (!_classes[term].Contains(classTerm))
        {
            _classes[term] = [.. _classes[term], classTerm];
        }
    }

    /// <summary>Lays the trie out for <see cref="Scan"/>, once every phrase is added.</summary>
    public void Freeze()
    {
        var edges = _edges.Select(e => (Node: (int)(e.Key >> 32), Id: (int)(uint)e.Key, Next: e.Value))
            .OrderBy(e => e.Node).ThenBy(e => e.Id).ToArray();
        _firstEdge = new int[_terminal.Count + 1];
        foreach (var edge in edges)
        {
            _firstEdge[edge.Node + 1]++;
        }

        for (var node = 0; node < _terminal.Count; node++)
        {
            _firstEdge[node + 1] += _firstEdge[node];
        }

        _edgeIds = edges.Select(e => e.Id).ToArray();
        _edgeNodes = edges.Select(e => e.Next).ToArray();
        _terminals = [.. _terminal];
        _classesByTerm = [.. _classes];
    }

    /// <summary>Finds every registered phrase in the tokens, overlapping ones included; the index must be frozen.</summary>
    public void Scan(List<Token> tokens, List<Hit> hits)
    {
        var root = _root;
        for (var first = 0; first < tokens.Count; first++)
        {
            var start = tokens[first].Id;
            if ((uint)start >= (uint)root.Length || root[start] == 0)
            {
                continue;
            }

            var node = root[start];
            for (var last = first; last < tokens.Count; last++)
            {
                var id = tokens[last].Id;
                if (last > first && (id < 0 || (node = Next(node, id)) == 0))
                {
                    break;
                }

                var term = _terminals[node];
                if (term >= 0)
                {
                    hits.Add(new Hit(term, first, last));
                    foreach (var classTerm in _classesByTerm[term])
                    {
                        hits.Add(new Hit(classTerm, first, last));
                    }
                }
            }
        }
    }

    /// <summary>The node the edge for <paramref name="id"/> leads to from <paramref name="node"/>, or 0 when there is none.</summary>
    private int Next(int node, int id)
    {
        var from = _firstEdge[node];
        var count = _firstEdge[node + 1] - from;
        if (count <= 8)
        {
            for (var k = from; k < from + count; k++)
            {
                if (_edgeIds[k] == id)
                {
                    return _edgeNodes[k];
                }
            }

            return 0;
        }

        var found = Array.BinarySearch(_edgeIds, from, count, id);
        return found >= 0 ? _edgeNodes[found] : 0;
    }
}
