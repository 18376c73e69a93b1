using System.Text.Json;
using Alerts.Core.Delivery;
using Alerts.Core.Feeds;
using Alerts.Core.Status;
using Alerts.Core.Storage;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace Alerts.Core.Classification;

/// <summary>ClassifyItem: classifies one <c>news-items</c> message and stores it in <c>Items</c> when it matches a topic.</summary>
public sealed partial class ClassifyItemService(
    TopicClassifier classifier,
    DeliverWebhookService webhooks,
    AlertsStorage storage,
    Counters counters,
    ILogger<ClassifyItemService> logger)
{
    public async Task<Classification> ClassifyAsync(NewsItemMessage message, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["ItemKey"] = message.ItemKey });
        var result = classifier.Classify(message.Title, message.Summary);
        if (!result.Matched)
        {
            await counters.IncrementAsync(Counters.ItemsUnmatched, cancellationToken: cancellationToken).ConfigureAwait(false);
            LogUnmatched(message.Title);
            return result;
        }

        var (partition, row) = ItemEntity.KeysFor(message.DiscoveredAt, message.ItemKey);
        var items = await storage.TableAsync(StorageNames.ItemsTable, cancellationToken).ConfigureAwait(false);
        var existed = (await items.GetEntityIfExistsAsync<ItemEntity>(partition, row, ["PartitionKey"], cancellationToken).ConfigureAwait(false)).HasValue;
        var item = new ItemEntity
        {
            PartitionKey = partition,
            RowKey = row,
            ItemKey = message.ItemKey,
            FeedId = message.FeedId,
            Source = message.Source,
            Title = message.Title,
            Link = message.Link,
            Summary = message.Summary,
            Published = message.Published,
            DiscoveredAt = message.DiscoveredAt,
            Topics = string.Join(',', result.Topics.Select(t => t.Id)),
            Severity = result.Severity,
            ClassificationJson = JsonSerializer.Serialize(result, QueueMessages.Json),
        };
        await items.UpsertEntityAsync(item, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

        // Acting only on first writes keeps counts and deliveries single when the queue redelivers a message.
        if (!existed)
        {
            await webhooks.EnqueueForAsync(item, cancellationToken).ConfigureAwait(false);
            foreach (var topic in result.Topics)
            {
                await counters.IncrementAsync(Counters.ItemsFor(topic.Id), cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }

        LogMatched(message.Title, item.Topics, result.Severity);
        return result;
    }

    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Classified \"{Title}\": {Topics} ({Severity})")]
    private partial void LogMatched(string title, string topics, string severity);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "No topic for \"{Title}\"")]
    private partial void LogUnmatched(string title);
}
