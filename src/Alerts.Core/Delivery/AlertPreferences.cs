using System.Globalization;
using System.Text.Json;
using Alerts.Core.Subscriptions;

namespace Alerts.Core.Delivery;

/// <summary>
/// What a subscriber wants: topics (none listed means all), a lowest severity, keywords of which an alert must
/// contain one, keywords that drop it, and countries of which it must name one. Keywords match whole words,
/// ignoring case and accents, in the title and summary.
/// </summary>
public sealed record AlertPreferences(
    IReadOnlySet<string> Topics,
    string MinSeverity,
    IReadOnlyList<string> KeywordsInclude,
    IReadOnlyList<string> KeywordsExclude,
    IReadOnlySet<string> Countries)
{
    private static readonly CompareInfo Compare = CultureInfo.InvariantCulture.CompareInfo;
    private const CompareOptions Loose = CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace;

    public static AlertPreferences Of(SubscriberEntity subscriber) => new(
        subscriber.TopicIds.ToHashSet(StringComparer.Ordinal),
        string.IsNullOrWhiteSpace(subscriber.MinSeverity) ? Classification.Severity.Low : subscriber.MinSeverity,
        Keywords(subscriber.KeywordsInclude),
        Keywords(subscriber.KeywordsExclude),
        subscriber.Countries.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase));

    /// <summary>Two subscribers with equal keys receive the same alerts from the same window.</summary>
    public string Key => string.Join(
        '\n',
        string.Join(',', Topics.Order(StringComparer.Ordinal)),
        MinSeverity,
        string.Join(',', KeywordsInclude.Order(StringComparer.Ordinal)),
        string.Join(',', KeywordsExclude.Order(StringComparer.Ordinal)),
        string.Join(',', Countries.Order(StringComparer.OrdinalIgnoreCase)));

    public bool Matches(AlertDocument alert)
    {
        if (Topics.Count > 0 && !alert.Topics.Any(Topics.Contains))
        {
            return false;
        }

        if (alert.SeverityRank < AlertDocument.RankOf(MinSeverity))
        {
            return false;
        }

        if (Countries.Count > 0 && !alert.Entities.Countries.Any(Countries.Contains))
        {
            return false;
        }

        var text = alert.Title + "\n" + alert.Summary;
        if (KeywordsInclude.Count > 0 && !KeywordsInclude.Any(k => ContainsWord(text, k)))
        {
            return false;
        }

        return !KeywordsExclude.Any(k => ContainsWord(text, k));
    }

    internal static bool ContainsWord(string text, string word)
    {
        for (var start = 0; start < text.Length;)
        {
            var found = Compare.IndexOf(text.AsSpan(start), word, Loose, out var length);
            if (found < 0)
            {
                return false;
            }

            var at = start + found;

            var before = at == 0 || !char.IsLetterOrDigit(text[at - 1]);
            var after = at + length >= text.Length || !char.IsLetterOrDigit(text[at + length]);
            if (before && after)
            {
                return true;
            }

            start = at + 1;
        }

        return false;
    }

    /// <summary>Keywords are stored as a JSON array; a malformed value reads as none rather than failing every digest.</summary>
    private static IReadOnlyList<string> Keywords(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            return (JsonSerializer.Deserialize<string[]>(json) ?? [])
                .Where(k => !string.IsNullOrWhiteSpace(k))
                .Select(k => k.Trim())
                .ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
