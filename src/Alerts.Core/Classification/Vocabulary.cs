namespace Alerts.Core.Classification;

/// <summary>
/// Ids of the normalised words that topic rules and the gazetteer use. Words of the item text outside it can never
/// be part of a match, so they get <see cref="Unknown"/> and are never stored.
/// </summary>
internal sealed class Vocabulary
{
    public const int Unknown = -1;

    /// <summary>A number followed by "%", "percent" or "per cent"; written <c>#percent</c> in rules.</summary>
    public const int Percent = 0;

    /// <summary>A currency sign and number, with "billion" and the like; written <c>#money</c> in rules.</summary>
    public const int Money = 1;

    /// <summary>Any other number; written <c>#number</c> in rules.</summary>
    public const int Number = 2;

    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal)
    {
        ["#percent"] = Percent,
        ["#money"] = Money,
        ["#number"] = Number,
    };

    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    // By id, so a learned model can name the words it was trained on.
    private readonly List<string> _words = ["#percent", "#money", "#number"];

    // Bits by the first three letters of every word: most words of a text share no prefix with any rule word, and
    // stemming only changes endings, so they can be passed over before stemming and lookup.
    private readonly System.Collections.BitArray _prefixes = new(PrefixBits);
    private const int PrefixBits = 1 << 15;

    public Vocabulary()
    {
        _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private int _next = Number + 1;

    /// <summary>One more than the highest id given out.</summary>
    public int Size => _next;

    /// <summary>False when no word of the vocabulary starts with the first three letters of <paramref name="word"/>.</summary>
    public bool MayContain(ReadOnlySpan<char> word) => word.Length < 3 || _prefixes[Prefix(word)];

    /// <summary><see cref="MayContain"/> for a word of three letters or more, given its first three (folded).</summary>
    public bool MayStartWith(char first, char second, char third) => _prefixes[Prefix(first, second, third)];

    private static int Prefix(ReadOnlySpan<char> word) => Prefix(word[0], word[1], word[2]);

    private static int Prefix(char first, char second, char third) => ((first * 961) + (second * 31) + third) & (PrefixBits - 1);

    public int Find(ReadOnlySpan<char> word) => _lookup.TryGetValue(word, out var id) ? id : Unknown;

    /// <summary>The normalised word an id stands for (its preferred spelling when it has variants).</summary>
    public string WordOf(int id) => _words[id];

    /// <summary>Makes <paramref name="variant"/> another name of <paramref name="preferred"/>'s id.</summary>
    public void Alias(string variant, string preferred)
    {
        if (variant != preferred)
        {
            _ids[variant] = Add(preferred);
            Remember(variant);
        }
    }

    public int Add(ReadOnlySpan<char> word)
    {
        if (_lookup.TryGetValue(word, out var id))
        {
            return id;
        }

        id = _next++;
        _lookup[word] = id;
        _words.Add(word.ToString());
        Remember(word);
        return id;
    }

    private void Remember(ReadOnlySpan<char> word)
    {
        if (word.Length >= 3)
        {
            _prefixes[Prefix(word)] = true;
        }
    }
}
