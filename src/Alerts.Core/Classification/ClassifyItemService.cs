using System.Text.Json;
using Alerts.Core.Delivery;
using Alerts.Core.Feeds;
using Alerts.Core.Status;
using Alerts.Core.Storage;
using Alerts.Core.Telemetry;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Classification;

/// <summary>ClassifyItem: classifies one <c>news-items</c> message and stores it in <c>Items</c> when it matches a topic.</summary>
public sealed partial class ClassifyItemService(
    TopicClassifier classifier,
    DeliverWebhookService webhooks,
    AlertsStorage storage,
    Counters counters,
    IOptions<AlertsOptions> options,
    TimeProvider time,
    ILogger<ClassifyItemService> logger)
{
    /// <summary>Status partitions holding one marker row per unmatched item, so a redelivered message is counted once.</summary>
    public const string UnmatchedPartitionPrefix = "unmatched-";

    public async Task<Classification> ClassifyAsync(NewsItemMessage message, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["ItemKey"] = message.ItemKey });
        var result = classifier.Classify(message.Title, message.Summary);
        if (message.DiscoveredAt < time.GetUtcNow() - options.Value.Retention.Items)
        {
            // PruneStorage may already have removed this item and its delivery records (README, "Retention"): storing
            // it again would alert every subscriber a second time about news older than anything kept.
            LogExpired(message.Title, message.DiscoveredAt);
            return result;
        }

        if (!result.Matched)
        {
            if (await MarkUnmatchedAsync(message, cancellationToken).ConfigureAwait(false))
            {
                await counters.IncrementAsync(Counters.ItemsUnmatched, cancellationToken: cancellationToken).ConfigureAwait(false);
                AlertsTelemetry.Classified(StatusService.Unmatched);
            }

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
            Countries = string.Join(',', result.Entities.Countries),
            Severity = result.Severity,
            ClassificationJson = JsonSerializer.Serialize(result, QueueMessages.Json),
        };
        await items.UpsertEntityAsync(item, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

        // Enqueued on every attempt, not only the first write: a crash between the write and the enqueue must not lose
        // deliveries, and EnqueueForAsync queues each (subscriber, item) pair once however often it is called.
        await webhooks.EnqueueForAsync(item, cancellationToken).ConfigureAwait(false);
        if (!existed)
        {
            foreach (var topic in result.Topics)
            {
                await counters.IncrementAsync(Counters.ItemsFor(topic.Id), cancellationToken: cancellationToken).ConfigureAwait(false);
                AlertsTelemetry.Classified(topic.Id);
            }
        }

        LogMatched(message.Title, item.Topics, result.Severity);
        return result;
    }

    /// <summary>Inserts the item's unmatched marker; false when it was already there (a redelivered message).</summary>
    private async Task<bool> MarkUnmatchedAsync(NewsItemMessage message, CancellationToken cancellationToken)
    {
        var status = await storage.TableAsync(StorageNames.StatusTable, cancellationToken).ConfigureAwait(false);
        try
        {
            await status.AddEntityAsync(new TableEntity(UnmatchedPartitionPrefix + TableKeys.Day(message.DiscoveredAt), message.ItemKey), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Classified \"{Title}\": {Topics} ({Severity})")]
    private partial void LogMatched(string title, string topics, string severity);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "No topic for \"{Title}\"")]
    private partial void LogUnmatched(string title);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Dropped \"{Title}\": discovered {DiscoveredAt:o}, before the items retention")]
    private partial void LogExpired(string title, DateTimeOffset discoveredAt);
}
