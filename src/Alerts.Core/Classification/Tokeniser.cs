using System.Globalization;
using System.Text;

namespace Alerts.Core.Classification;

/// <summary>
/// Splits text into normalised tokens with their offsets: case folded, accents removed ("Šefčovič" is "sefcovic"),
/// hyphens and slashes as word breaks ("rare-earth" is "rare earth"), possessives dropped ("China's" is "china"),
/// "U.S." as "us" while the pronoun "us" stays apart, spelling variants mapped ("license" is "licence") and
/// inflections stemmed. Numbers become <see cref="Vocabulary.Percent"/>, <see cref="Vocabulary.Money"/> or
/// <see cref="Vocabulary.Number"/> unless a rule names them ("section 232").
/// </summary>
internal sealed class Tokeniser
{
    private const int MaxWord = 64;
    private static readonly char[] Fold = BuildFoldTable();

    private readonly Vocabulary _vocabulary;

    // spellings: variant to preferred spelling, as written ("license" to "licence"); matched on stems, so every inflection follows.
    public Tokeniser(Vocabulary vocabulary, IReadOnlyDictionary<string, string> spellings)
    {
        _vocabulary = vocabulary;
        Span<char> buffer = stackalloc char[MaxWord];
        foreach (var (variant, preferred) in spellings)
        {
            // The variant's stem becomes another name of the preferred stem's id, so text needs one lookup per word.
            _vocabulary.Alias(StemOf(variant, buffer), StemOf(preferred, buffer));
        }
    }

    public int VocabularySize => _vocabulary.Size;

    /// <summary>Tokenises item text; words outside the vocabulary get <see cref="Vocabulary.Unknown"/>.</summary>
    public void Tokenise(string text, List<Token> tokens) => Run(text, 0, tokens, learn: false);

    /// <summary>Tokenises one part of a longer text that starts at <paramref name="offset"/> in it, so the tokens carry offsets into the whole.</summary>
    public void Tokenise(string text, int offset, List<Token> tokens) => Run(text, offset, tokens, learn: false);

    /// <summary>Tokenises a rule phrase, adding its words to the vocabulary.</summary>
    public int[] Learn(string phrase)
    {
        // A class such as "#money" may start a phrase ("#money charge").
        var words = phrase;
        int[] head = [];
        if (phrase.StartsWith('#'))
        {
            var space = phrase.IndexOf(' ', StringComparison.Ordinal);
            head = [_vocabulary.Add(phrase[..(space < 0 ? phrase.Length : space)].ToLowerInvariant())];
            words = space < 0 ? "" : phrase[(space + 1)..];
        }

        var tokens = new List<Token>();
        Run(words, 0, tokens, learn: true);
        return [.. head, .. tokens.Select(t => t.Id)];
    }

    private static string StemOf(string word, Span<char> buffer)
    {
        var length = Lower(word.AsSpan(), buffer);
        return new string(buffer[..Stemmer.Stem(buffer[..length])]);
    }

    private void Run(string text, int offset, List<Token> tokens, bool learn)
    {
        Span<char> word = stackalloc char[MaxWord];
        var cache = learn ? null : WordCache.For(this);
        var i = 0;
        var n = text.Length;
        while (i < n)
        {
            var c = text[i];
            if (c == ' ')
            {
                // Most characters between words are single spaces.
                i++;
            }
            else if (char.IsAsciiLetter(c))
            {
                // The common case first: it is neither a digit nor a currency sign.
                i = ReadWord(text, i, offset, tokens, cache, word);
            }
            else if (char.IsAsciiDigit(c) || (IsCurrency(c) && i + 1 < n && char.IsAsciiDigit(text[i + 1])))
            {
                i = ReadNumber(text, i, offset, tokens, cache, word);
            }
            else if (char.IsLetter(c))
            {
                i = ReadWord(text, i, offset, tokens, cache, word);
            }
            else
            {
                i++;
            }
        }
    }

    // cache: null while learning rule phrases, which add their words to the vocabulary.
    private int ReadWord(string text, int start, int offset, List<Token> tokens, WordCache? cache, Span<char> word)
    {
        var learn = cache is null;
        var n = text.Length;
        var i = start;
        var hash = 0u;
        while ((uint)i < (uint)text.Length)
        {
            var c = text[i];
            if (!char.IsAsciiLetterOrDigit(c) && (c < 128 || !char.IsLetterOrDigit(c)))
            {
                break;
            }

            hash = (hash * 31) + c;
            i++;
        }

        // A word of two letters or more is the same token wherever it stands; single letters may start "U.S.".
        if (cache is not null && i - start is >= 2 and <= MaxWord)
        {
            var raw = text.AsSpan(start, i - start);
            if (!cache.TryGet(raw, hash, out var id))
            {
                id = IdOf(raw, word);
                cache.Add(raw, hash, id);
            }

            tokens.Add(new Token(start + offset, i + offset, id));
            return AfterPossessive(text, i);
        }

        var length = Lower(text.AsSpan(start, i - start), word);

        // Initialisms written with dots: "U.S." and "U.K." are "us" and "uk".
        var end = i;
        if (i - start == 1)
        {
            var j = i;
            while (j + 1 < n && text[j] == '.' && char.IsLetter(text[j + 1]) && (j + 2 >= n || !char.IsLetterOrDigit(text[j + 2])) && length < MaxWord)
            {
                word[length++] = Lower(text[j + 1]);
                j += 2;
            }

            if (j > i)
            {
                i = j;
                end = j < n && text[j] == '.' ? j + 1 : j;
            }
        }

        if (AfterPossessive(text, i) is var after && after > i)
        {
            end = i;
            i = after;
        }

        if (length == 2 && word[0] == 'u' && word[1] == 's' && text[start] == 'u')
        {
            // Lowercase "us" is the pronoun, not the country.
            tokens.Add(new Token(start + offset, end + offset, Vocabulary.Unknown));
            return Math.Max(i, end);
        }

        if (!learn && !_vocabulary.MayContain(word[..length]))
        {
            tokens.Add(new Token(start + offset, end + offset, Vocabulary.Unknown));
            return Math.Max(i, end);
        }

        ReadOnlySpan<char> normal = word[..Stemmer.Stem(word[..length])];
        tokens.Add(new Token(start + offset, end + offset, learn ? _vocabulary.Add(normal) : _vocabulary.Find(normal)));
        return Math.Max(i, end);
    }

    /// <summary>The id of a word of two letters or more as written in item text.</summary>
    private int IdOf(ReadOnlySpan<char> raw, Span<char> word)
    {
        // Most words of a text are no rule's: settled on their first letters, before folding and stemming.
        if (raw.Length >= 3 && !_vocabulary.MayStartWith(Lower(raw[0]), Lower(raw[1]), Lower(raw[2])))
        {
            return Vocabulary.Unknown;
        }

        var length = Lower(raw, word);

        // Lowercase "us" is the pronoun, not the country.
        if ((length == 2 && word[0] == 'u' && word[1] == 's' && raw[0] == 'u') || !_vocabulary.MayContain(word[..length]))
        {
            return Vocabulary.Unknown;
        }

        return _vocabulary.Find(word[..Stemmer.Stem(word[..length])]);
    }

    private int ReadNumber(string text, int start, int offset, List<Token> tokens, WordCache? cache, Span<char> word)
    {
        var learn = cache is null;
        var n = text.Length;
        var i = start;
        var money = IsCurrency(text[i]);
        if (money)
        {
            i++;
        }

        var digitsStart = i;
        while (i < n && (char.IsAsciiDigit(text[i]) || (text[i] is '.' or ',' && i + 1 < n && char.IsAsciiDigit(text[i + 1]) && i > digitsStart)))
        {
            i++;
        }

        if (!money && i < n && char.IsLetter(text[i]))
        {
            // "5G", "1st": a word that starts with digits.
            return ReadWord(text, start, offset, tokens, cache, word);
        }

        var end = i;
        int id;
        if (money)
        {
            end = AfterScale(text, i);
            id = Vocabulary.Money;
        }
        else if (i < n && text[i] == '%')
        {
            end = i + 1;
            id = Vocabulary.Percent;
        }
        else if (AfterWords(text, i, "percent") is > 0 and var p1)
        {
            end = p1;
            id = Vocabulary.Percent;
        }
        else if (AfterWords(text, i, "per cent") is > 0 and var p2)
        {
            end = p2;
            id = Vocabulary.Percent;
        }
        else
        {
            var digits = text.AsSpan(digitsStart, i - digitsStart);
            id = learn ? _vocabulary.Add(digits) : _vocabulary.Find(digits) is var known && known != Vocabulary.Unknown ? known : Vocabulary.Number;
        }

        tokens.Add(new Token(start + offset, end + offset, id));
        return end;
    }

    /// <summary>Past a possessive "'s" at <paramref name="i"/> (it belongs to no word), else <paramref name="i"/>.</summary>
    private static int AfterPossessive(string text, int i)
        => i + 1 < text.Length && text[i] is '\'' or '\u2019' && text[i + 1] is 's' or 'S' && (i + 2 >= text.Length || !char.IsLetterOrDigit(text[i + 2])) ? i + 2 : i;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool IsCurrency(char c) => c is '$' or '\u20AC' or '\u00A3' or '\u00A5';

    /// <summary>"$200 billion": the scale word belongs to the amount.</summary>
    private static int AfterScale(string text, int i)
    {
        foreach (var scale in (ReadOnlySpan<string>)["billion", "million", "trillion", "bn"])
        {
            if (AfterWords(text, i, scale) is > 0 and var end)
            {
                return end;
            }
        }

        return i;
    }

    /// <summary>The end of <paramref name="words"/> when it follows position <paramref name="i"/> after one space, else 0.</summary>
    private static int AfterWords(string text, int i, string words)
    {
        var from = i < text.Length && text[i] == ' ' ? i + 1 : i;
        var end = from + words.Length;
        return from > i - 1 && end <= text.Length && text.AsSpan(from, words.Length).Equals(words, StringComparison.OrdinalIgnoreCase)
               && (end == text.Length || !char.IsLetter(text[end]))
            ? end
            : 0;
    }

    private static int Lower(ReadOnlySpan<char> source, Span<char> destination)
    {
        var length = Math.Min(source.Length, destination.Length);
        for (var k = 0; k < length; k++)
        {
            destination[k] = Lower(source[k]);
        }

        return length;
    }

    private static char Lower(char c) => c < 128 ? (char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c) : c < Fold.Length ? Fold[c] : char.ToLowerInvariant(c);

    /// <summary>Lowercase, accent-free forms of the Latin letters up to U+024F.</summary>
    private static char[] BuildFoldTable()
    {
        var table = new char[0x250];
        for (var c = 0; c < table.Length; c++)
        {
            var decomposed = ((char)c).ToString().Normalize(NormalizationForm.FormD);
            var letter = decomposed.Length > 0 && CharUnicodeInfo.GetUnicodeCategory(decomposed[0]) != UnicodeCategory.NonSpacingMark ? decomposed[0] : (char)c;
            table[c] = char.ToLowerInvariant(letter);
        }

        return table;
    }
}
