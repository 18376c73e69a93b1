using Alerts.Core.Classification;
using Alerts.Core.Storage;

namespace Alerts.Core.Delivery;

/// <summary>Reads stored items discovered in a window, newest first, using the day partitions and inverted-tick row keys of <c>Items</c>.</summary>
public sealed class DigestItems(AlertsStorage storage)
{
    public async Task<IReadOnlyList<ItemEntity>> InWindowAsync(DateTimeOffset after, DateTimeOffset upTo, IReadOnlyCollection<string> topics, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.ItemsTable, cancellationToken).ConfigureAwait(false);
        var found = new List<ItemEntity>();
        for (var day = upTo.UtcDateTime.Date; day >= after.UtcDateTime.Date; day = day.AddDays(-1))
        {
            var partition = TableKeys.Day(day);
            var filter = $"PartitionKey eq '{partition}' and RowKey lt '{TableKeys.InvertedTicks(after)}' and RowKey ge '{TableKeys.InvertedTicks(upTo)}'";
            await foreach (var item in table.QueryAsync<ItemEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (item.TopicIds.Any(topics.Contains))
                {
                    found.Add(item);
                }
            }
        }

        return found
            .OrderByDescending(i => SeverityRank(i.Severity))
            .ThenByDescending(i => i.DiscoveredAt)
            .ToList();
    }

    private static int SeverityRank(string severity) => severity switch
    {
        Severity.High => 2,
        Severity.Medium => 1,
        _ => 0,
    };
}
