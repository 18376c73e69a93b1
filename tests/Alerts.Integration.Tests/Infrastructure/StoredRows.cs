using Alerts.Core.Classification;
using Alerts.Core.Storage;
using Alerts.Core.Subscriptions;
using Azure.Data.Tables;

namespace Alerts.Integration.Tests.Infrastructure;

/// <summary>Writes rows the way the pipeline stores them, for tests that start mid-pipeline.</summary>
internal static class StoredRows
{
    public static async Task<ItemEntity> AddItemAsync(
        AlertsStorage storage, string title, string topic, DateTimeOffset discoveredAt, string severity = Severity.High, string? classificationJson = null)
    {
        var key = TableKeys.Hash(title);
        var (partition, row) = ItemEntity.KeysFor(discoveredAt, key);
        var item = new ItemEntity
        {
            PartitionKey = partition,
            RowKey = row,
            ItemKey = key,
            FeedId = "feed",
            Source = "Test wire",
            Title = title,
            Link = "https://example.org/" + key[..8],
            Summary = "Summary of " + title,
            DiscoveredAt = discoveredAt,
            Topics = topic,
            Severity = severity,
            ClassificationJson = classificationJson ?? """{"topics":[{"id":"tariffs","score":0.9,"evidence":[]}],"severity":"high","severityRule":"test"}""",
        };
        var table = await storage.TableAsync(StorageNames.ItemsTable);
        await table.UpsertEntityAsync(item, TableUpdateMode.Replace);
        return item;
    }

    public static async Task<SubscriberEntity> AddWebhookAsync(AlertsStorage storage, Uri url, string secret, string topics)
    {
        var subscriber = new SubscriberEntity
        {
            PartitionKey = SubscriberEntity.WebhookPartition,
            RowKey = Guid.NewGuid().ToString("N"),
            Address = url.ToString(),
            Status = SubscriberStatus.Active,
            Topics = topics,
            WebhookSecret = secret,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        var table = await storage.TableAsync(StorageNames.SubscribersTable);
        await table.AddEntityAsync(subscriber);
        return subscriber;
    }
}
