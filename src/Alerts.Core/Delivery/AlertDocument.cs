using System.Text.Json;
using System.Text.Json.Serialization;
using Alerts.Core.Classification;
using Alerts.Core.Storage;

namespace Alerts.Core.Delivery;

/// <summary>
/// One stored alert as subscribers see it: the <c>data</c> of a webhook event, an entry of <c>GET /api/alerts</c>,
/// and what a digest renders. <see cref="Topics"/> lists topic ids, strongest match first.
/// </summary>
public sealed record AlertDocument(
    string Id,
    string Title,
    string Summary,
    string? Link,
    string? Source,
    DateTimeOffset? Published,
    DateTimeOffset DiscoveredAt,
    IReadOnlyList<string> Topics,
    string Severity,
    string? SeverityRule,
    IReadOnlyList<TopicMatch> Matches,
    Entities Entities,
    IReadOnlyList<Figure> Figures)
{
    /// <summary>The strongest topic score, which ranks alerts of the same severity.</summary>
    [JsonIgnore]
    public double TopScore => Matches.Count > 0 ? Matches.Max(m => m.Score) : 0;

    [JsonIgnore]
    public int SeverityRank => RankOf(Severity);

    public static int RankOf(string? severity) => severity switch
    {
        Classification.Severity.High => 2,
        Classification.Severity.Medium => 1,
        _ => 0,
    };

    public static AlertDocument From(ItemEntity item)
    {
        var classification = Parse(item.ClassificationJson);
        var matches = (classification?.Topics ?? []).OrderByDescending(m => m.Score).ToList();
        var topics = matches.Select(m => m.Id).Concat(item.TopicIds).Distinct(StringComparer.Ordinal).ToList();
        return new AlertDocument(
            item.ItemKey,
            item.Title,
            item.Summary,
            item.Link,
            item.Source,
            item.Published,
            item.DiscoveredAt,
            topics,
            item.Severity,
            classification?.SeverityRule,
            matches,
            classification?.Entities ?? Entities.None,
            classification?.Figures ?? []);
    }

    /// <summary>Rows written before entities and figures existed lack them; those read as empty rather than failing.</summary>
    private static Classification.Classification? Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Classification.Classification>(json, QueueMessages.Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
