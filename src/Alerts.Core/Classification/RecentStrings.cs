namespace Alerts.Core.Classification;

/// <summary>
/// The strings a thread made last, by content: evidence texts and severity rules repeat from item to item, so most
/// are served from here instead of allocated. Strings are immutable, so sharing them between results is safe.
/// Direct-mapped, so it stays small and never needs clearing.
/// </summary>
internal sealed class RecentStrings
{
    private const int Size = 1024;

    private readonly string?[] _strings = new string?[Size];

    public string Of(ReadOnlySpan<char> text)
    {
        var slot = string.GetHashCode(text) & (Size - 1);
        if (_strings[slot] is { } known && text.SequenceEqual(known))
        {
            return known;
        }

        return _strings[slot] = text.ToString();
    }
}
