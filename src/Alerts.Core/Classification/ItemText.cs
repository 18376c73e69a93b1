namespace Alerts.Core.Classification;

/// <summary>
/// The classified text, the cleaned title and summary joined by a newline, read in place rather than copied into one
/// string. Offsets are those of the joined text (<see cref="TopicClassifier.TextOf"/>). Pieces are taken from the
/// thread's <see cref="RecentStrings"/>, as the same evidence and figures recur from item to item.
/// </summary>
internal readonly struct ItemText(string title, string summary, RecentStrings strings)
{
    public int Length => title.Length + 1 + summary.Length;

    public char this[int index] => index < title.Length ? title[index] : index == title.Length ? '\n' : summary[index - title.Length - 1];

    /// <summary>The characters from <paramref name="start"/>; a piece across the newline is rare and is copied.</summary>
    public ReadOnlySpan<char> Span(int start, int length)
        => start + length <= title.Length ? title.AsSpan(start, length)
            : start > title.Length ? summary.AsSpan(start - title.Length - 1, length)
            : ToString().AsSpan(start, length);

    /// <summary>The piece from <paramref name="start"/> as a string, so <c>text[start..end]</c> reads as on a string.</summary>
    public string Slice(int start, int length) => strings.Of(Span(start, length));

    public override string ToString() => title + "\n" + summary;
}
