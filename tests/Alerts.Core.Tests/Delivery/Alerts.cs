using Alerts.Core.Classification;
using Alerts.Core.Delivery;

namespace Alerts.Core.Tests.Delivery;

/// <summary>Builds alert documents for tests.</summary>
internal static class Alerts
{
    public static AlertDocument Alert(
        string title,
        string summary = "A summary.",
        string? link = "https://example.org/story",
        string topics = "tariffs",
        string severity = Severity.Medium,
        double score = 1.0,
        string[]? countries = null,
        Figure[]? figures = null,
        string[]? evidence = null,
        DateTimeOffset? discoveredAt = null,
        DateTimeOffset? published = null)
    {
        var ids = topics.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var found = discoveredAt ?? new DateTimeOffset(2025, 10, 10, 21, 10, 0, TimeSpan.Zero);
        return new AlertDocument(
            "key-" + title.GetHashCode(StringComparison.Ordinal).ToString("x8", System.Globalization.CultureInfo.InvariantCulture),
            title,
            summary,
            link,
            "Trade Wire",
            published ?? new DateTimeOffset(2025, 10, 10, 21, 5, 0, TimeSpan.Zero),
            found,
            ids,
            severity,
            "test",
            ids.Select((id, i) => new TopicMatch(id, score - (i * 0.1), (evidence ?? []).Select(e => new Evidence(e, 0, e.Length)).ToList())).ToList(),
            new Entities(countries ?? [], [], []),
            figures ?? []);
    }
}
