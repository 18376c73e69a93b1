namespace Alerts.Core.Classification;

/// <summary>
/// A light inflection stemmer applied alike to topic phrases and to item text, so "tariff", "tariffs" and
/// "tariffed" meet, as do "duty"/"duties", "negotiate"/"negotiating" and "curb"/"curbs"/"curbed". It only has to
/// be consistent, not linguistically exact: both sides of every comparison pass through it.
/// </summary>
internal static class Stemmer
{
    /// <summary>Stems the lowercase word in <paramref name="word"/> in place and returns its new length.</summary>
    public static int Stem(Span<char> word)
    {
        var n = word.Length;
        if (n <= 3 || !char.IsAsciiLetterLower(word[n - 1]))
        {
            return n;
        }

        if (word[..n] is "news" or "series" or "species" || IsNotInflected(word[..n]))
        {
            return n;
        }

        // Plurals and third person.
        if (EndsWith(word, n, "ies") && n > 4)
        {
            word[n - 3] = 'y';
            n -= 2;
        }
        else if (EndsWith(word, n, "sses"))
        {
            n -= 2;
        }
        else if (word[n - 1] == 's' && word[n - 2] is not ('s' or 'u' or 'i'))
        {
            n -= 1;
        }

        // Past tense and participles.
        if (EndsWith(word, n, "eed"))
        {
            // "agreed" and "guaranteed" keep their verb's "ee", so they meet "agree" and "guarantee"; "need", "speed"
            // and "exceed" are no past forms.
            n -= n - 3 >= 3 && !EndsWith(word, n, "ceed") ? 1 : 0;
        }
        else if (EndsWith(word, n, "ied") && n == 4)
        {
            // "tied", "lied": the verb ends in "ie".
            n -= 1;
        }
        else if (EndsWith(word, n, "ing") && n - 3 >= 3 && HasVowel(word[..(n - 3)]))
        {
            n = Undouble(word, n - 3);
        }
        else if (EndsWith(word, n, "ied") && n > 4)
        {
            word[n - 3] = 'y';
            n -= 2;
        }
        else if (EndsWith(word, n, "ed") && n - 2 >= 3 && HasVowel(word[..(n - 2)]))
        {
            n = Undouble(word, n - 2);
        }

        if (n >= 4 && word[n - 1] == 'e')
        {
            n -= 1;
        }

        return n;
    }

    /// <summary>Words ending like an inflection whose stripped form is another word: "according" is not "accord", "evening" not "even".</summary>
    private static bool IsNotInflected(ReadOnlySpan<char> word)
        => word is "according" or "during" or "evening" or "morning" or "ceiling" or "nothing" or "something" or "anything" or "everything";

    private static bool EndsWith(Span<char> word, int length, string suffix) => word[..length].EndsWith(suffix);

    private static readonly System.Buffers.SearchValues<char> Vowels = System.Buffers.SearchValues.Create("aeiouy");

    private static bool HasVowel(ReadOnlySpan<char> stem) => stem.IndexOfAny(Vowels) >= 0;

    /// <summary>"stopped" to "stop", "controlled" to "control"; doubled s, z and f stay ("tariffed" is "tariff"), as do doubles in three-letter stems ("added" is "add") and "ll" in short stems ("called" is "call").</summary>
    private static int Undouble(Span<char> word, int n)
    {
        if (n >= 4 && word[n - 1] == word[n - 2] && word[n - 1] is not ('s' or 'z' or 'f' or 'a' or 'e' or 'i' or 'o' or 'u') && (word[n - 1] != 'l' || n >= 6))
        {
            return n - 1;
        }

        return n;
    }
}
