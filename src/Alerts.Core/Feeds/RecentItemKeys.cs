namespace Alerts.Core.Feeds;

/// <summary>
/// The compact set kept in <see cref="FeedEntity.RecentItemKeys"/>: 12 hex characters (48 bits) per item key, space
/// separated, for at most <see cref="MaxKeys"/> items so the property stays far below Table Storage's 64 KB.
/// </summary>
public static class RecentItemKeys
{
    public const int PrefixLength = 12;

    public const int MaxKeys = 1000;

    public static HashSet<string> Parse(string? stored)
        => new(stored?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [], StringComparer.Ordinal);

    public static string Prefix(string itemKey) => itemKey[..PrefixLength];

    public static string Format(IEnumerable<string> prefixes) => string.Join(' ', prefixes.Distinct(StringComparer.Ordinal).Take(MaxKeys));
}
