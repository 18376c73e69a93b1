using Alerts.Core.Classification;
using Alerts.Core.Delivery;
using Alerts.Core.Feeds;
using Alerts.Core.Status;
using Alerts.Core.Storage;
using Azure.Data.Tables;

namespace Alerts.Integration.Tests.Storage;

/// <summary>Writes the rows PruneStorage prunes, keyed as their writers key them, and lists what a table holds.</summary>
internal static class RetentionRows
{
    public static async Task AddCounterAsync(AlertsStorage storage, DateTimeOffset hour, string name, long value = 1)
    {
        var status = await storage.TableAsync(StorageNames.StatusTable);
        await status.UpsertEntityAsync(new CounterEntity { PartitionKey = Counters.PartitionFor(hour), RowKey = name, Value = value });
    }

    /// <summary>As ClassifyItem marks an unmatched item: partition by the item's discovery day.</summary>
    public static async Task<string> AddUnmatchedMarkerAsync(AlertsStorage storage, DateTimeOffset discoveredAt)
    {
        var status = await storage.TableAsync(StorageNames.StatusTable);
        var partition = ClassifyItemService.UnmatchedPartitionPrefix + TableKeys.Day(discoveredAt);
        await status.AddEntityAsync(new TableEntity(partition, TableKeys.Hash(Guid.NewGuid().ToString())));
        return partition;
    }

    /// <summary>An item-key marker, the permanent dedupe point, discovered long ago.</summary>
    public static async Task<string> AddSeenItemAsync(AlertsStorage storage, DateTimeOffset discoveredAt)
    {
        var key = TableKeys.Hash(Guid.NewGuid().ToString());
        var seen = await storage.TableAsync(StorageNames.SeenItemsTable);
        await seen.AddEntityAsync(new SeenItemEntity { PartitionKey = SeenItemEntity.PartitionFor(key), RowKey = key, FeedId = "feed", DiscoveredAt = discoveredAt, Enqueued = true });
        return key;
    }

    public static async Task<DeliveryEntity> AddDeliveryAsync(AlertsStorage storage, string partition, string row, DateTimeOffset startedAt, string state = DeliveryEntity.Delivered)
    {
        var delivery = new DeliveryEntity { PartitionKey = partition, RowKey = row, State = state, StartedAt = startedAt, SentAt = startedAt, WindowEnd = startedAt };
        var table = await storage.TableAsync(StorageNames.DeliveriesTable);
        await table.AddEntityAsync(delivery);
        return delivery;
    }

    /// <summary>Many items in one day partition, written in transactions of 100.</summary>
    public static async Task AddItemsAsync(AlertsStorage storage, DateTimeOffset discoveredAt, int count)
    {
        var table = await storage.TableAsync(StorageNames.ItemsTable);
        var items = Enumerable.Range(0, count).Select(i =>
        {
            var key = TableKeys.Hash($"bulk {i} {Guid.NewGuid()}");
            var (partition, row) = ItemEntity.KeysFor(discoveredAt.AddSeconds(i % 60), key);
            return new ItemEntity { PartitionKey = partition, RowKey = row, ItemKey = key, Title = "Bulk item " + i, Topics = "tariffs", DiscoveredAt = discoveredAt };
        });
        foreach (var chunk in items.GroupBy(i => i.PartitionKey).SelectMany(p => p.Chunk(100)))
        {
            await table.SubmitTransactionAsync(chunk.Select(i => new TableTransactionAction(TableTransactionActionType.Add, i)));
        }
    }

    /// <summary>Every (PartitionKey, RowKey) of a table, sorted.</summary>
    public static async Task<List<(string Partition, string Row)>> KeysAsync(AlertsStorage storage, string tableName)
    {
        var table = await storage.TableAsync(tableName);
        var keys = new List<(string, string)>();
        await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
        {
            keys.Add((row.PartitionKey, row.RowKey));
        }

        return keys.Order().ToList();
    }
}
