using Alerts.Core.Classification;
using Alerts.Core.Storage;

namespace Alerts.Core.Delivery;

/// <summary>
/// The alerts of a digest: reads stored items discovered in a window (day partitions, inverted-tick row keys),
/// filters them by a subscriber's preferences, ranks them by severity then score, and groups them by topic.
/// </summary>
public sealed class DigestItems(AlertsStorage storage)
{
    /// <summary>Alerts discovered after <paramref name="after"/> and up to <paramref name="upTo"/>, newest first.</summary>
    public async Task<IReadOnlyList<AlertDocument>> InWindowAsync(DateTimeOffset after, DateTimeOffset upTo, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.ItemsTable, cancellationToken).ConfigureAwait(false);
        var found = new List<AlertDocument>();
        for (var day = upTo.UtcDateTime.Date; day >= after.UtcDateTime.Date; day = day.AddDays(-1))
        {
            var partition = TableKeys.Day(day);
            var filter = $"PartitionKey eq '{partition}' and RowKey lt '{TableKeys.InvertedTicks(after)}' and RowKey ge '{TableKeys.InvertedTicks(upTo)}'";
            await foreach (var item in table.QueryAsync<ItemEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                // Row keys are built from the discovery time, so the bounds above are exact except at the
                // tick itself; this keeps the window half-open: (after, upTo].
                if (item.DiscoveredAt > after && item.DiscoveredAt <= upTo)
                {
                    found.Add(AlertDocument.From(item));
                }
            }
        }

        return found;
    }

    /// <summary>The alerts a subscriber gets from <paramref name="alerts"/>: discovered after its watermark, matching its preferences, ranked.</summary>
    public static IReadOnlyList<AlertDocument> Select(IEnumerable<AlertDocument> alerts, AlertPreferences preferences, DateTimeOffset after)
        => Rank(alerts.Where(a => a.DiscoveredAt > after && preferences.Matches(a)));

    /// <summary>Most severe first, then strongest topic score, then newest.</summary>
    public static IReadOnlyList<AlertDocument> Rank(IEnumerable<AlertDocument> alerts)
        => alerts
            .OrderByDescending(a => a.SeverityRank)
            .ThenByDescending(a => a.TopScore)
            .ThenByDescending(a => a.DiscoveredAt)
            .ThenBy(a => a.Id, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// Groups ranked alerts under their strongest topic among the subscriber's (all topics when they chose none),
    /// keeping the rank order within each group; groups come in the order of their best alert.
    /// </summary>
    public static IReadOnlyList<IGrouping<string, AlertDocument>> GroupByTopic(IReadOnlyList<AlertDocument> ranked, IReadOnlySet<string> topics)
        => ranked
            .GroupBy(a => a.Topics.FirstOrDefault(t => topics.Count == 0 || topics.Contains(t)) ?? (a.Topics.Count > 0 ? a.Topics[0] : "other"), StringComparer.Ordinal)
            .ToList();
}
