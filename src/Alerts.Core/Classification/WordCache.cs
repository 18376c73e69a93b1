namespace Alerts.Core.Classification;

/// <summary>
/// The ids of the words a thread read last, by their spelling in the text: news repeats its words, so most of them
/// skip folding, stemming and the vocabulary lookup. Direct-mapped, so it stays small and never needs clearing.
/// </summary>
internal sealed class WordCache
{
    private const int Size = 8192;

    [ThreadStatic]
    private static WordCache? _current;

    private readonly string?[] _words = new string?[Size];
    private readonly int[] _ids = new int[Size];

    // The tokeniser the ids belong to: another vocabulary gives other ids.
    private Tokeniser? _owner;

    /// <summary>This thread's cache, emptied when it last served another tokeniser.</summary>
    public static WordCache For(Tokeniser owner)
    {
        var cache = _current ??= new WordCache();
        if (!ReferenceEquals(cache._owner, owner))
        {
            Array.Clear(cache._words);
            cache._owner = owner;
        }

        return cache;
    }

    public bool TryGet(ReadOnlySpan<char> word, uint hash, out int id)
    {
        var slot = Slot(hash);
        if (_words[slot] is { } known && word.SequenceEqual(known))
        {
            id = _ids[slot];
            return true;
        }

        id = Vocabulary.Unknown;
        return false;
    }

    public void Add(ReadOnlySpan<char> word, uint hash, int id)
    {
        var slot = Slot(hash);
        _words[slot] = word.ToString();
        _ids[slot] = id;
    }

    private static int Slot(uint hash) => (int)((hash * 0x9E3779B1u) >> 19);
}
