using Alerts.Core.Samples;
using Alerts.Core.Storage;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Feeds;

/// <summary>PollFeeds: fetches every due feed, records its health, and puts each new item on <c>news-items</c> once.</summary>
public sealed partial class PollFeedsService(
    FeedStore feeds,
    SampleSeeder seeder,
    FeedFetcher fetcher,
    AlertsStorage storage,
    TimeProvider time,
    IOptions<AlertsOptions> options,
    ILogger<PollFeedsService> logger)
{
    /// <summary>Polls due feeds; returns the number of new items enqueued.</summary>
    public async Task<int> PollAsync(CancellationToken cancellationToken)
    {
        var all = await feeds.ListAsync(cancellationToken).ConfigureAwait(false);
        if (all.Count == 0)
        {
            await seeder.SeedAsync(cancellationToken).ConfigureAwait(false);
            all = await feeds.ListAsync(cancellationToken).ConfigureAwait(false);
        }

        var now = time.GetUtcNow();
        var due = all.Where(f => f.NextPoll is null || f.NextPoll <= now).ToList();
        var total = 0;
        await Parallel.ForEachAsync(
            due,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrentPolls, CancellationToken = cancellationToken },
            async (feed, ct) => Interlocked.Add(ref total, await PollOneAsync(feed, ct).ConfigureAwait(false))).ConfigureAwait(false);
        return total;
    }

    private async Task<int> PollOneAsync(FeedEntity feed, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["FeedId"] = feed.RowKey });
        var started = time.GetUtcNow();
        feed.LastPoll = started;
        var enqueued = 0;
        try
        {
            var result = await fetcher.FetchAsync(feed, cancellationToken).ConfigureAwait(false);
            if (result.Feed is { } parsed)
            {
                feed.Title = parsed.Title ?? feed.Title;
                foreach (var item in parsed.Items)
                {
                    if (await EnqueueIfNewAsync(feed, item, cancellationToken).ConfigureAwait(false))
                    {
                        enqueued++;
                    }
                }
            }

            feed.HttpETag = result.HttpETag;
            feed.LastModified = result.LastModified;
            feed.LastSuccess = started;
            feed.ConsecutiveFailures = 0;
            feed.LastError = null;
            feed.ItemsNew = enqueued;
            feed.NextPoll = null;
            LogPolled(feed.Url, (int)result.Status, enqueued);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            feed.ConsecutiveFailures++;
            feed.LastError = e.Message;
            LogFailed(feed.Url, feed.ConsecutiveFailures, e.Message);
        }

        await feeds.UpdateAsync(feed, cancellationToken).ConfigureAwait(false);
        return enqueued;
    }

    /// <summary>
    /// The SeenItems marker is written first (insert-if-absent) and flagged once the message is queued, so a crash
    /// between the two is healed by the next poll instead of losing the item; ClassifyItem is idempotent for the rare resend.
    /// </summary>
    private async Task<bool> EnqueueIfNewAsync(FeedEntity feed, FeedItem item, CancellationToken cancellationToken)
    {
        var key = ItemIdentity.Key(item, feed.RowKey);
        var seen = await storage.TableAsync(StorageNames.SeenItemsTable, cancellationToken).ConfigureAwait(false);
        var marker = new SeenItemEntity
        {
            PartitionKey = SeenItemEntity.PartitionFor(key),
            RowKey = key,
            FeedId = feed.RowKey,
            DiscoveredAt = time.GetUtcNow(),
        };
        try
        {
            var added = await seen.AddEntityAsync(marker, cancellationToken).ConfigureAwait(false);
            marker.ETag = added.Headers.ETag ?? ETag.All;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            marker = (await seen.GetEntityAsync<SeenItemEntity>(marker.PartitionKey, key, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            if (marker.Enqueued)
            {
                return false;
            }
        }

        var queue = await storage.QueueAsync(StorageNames.NewsItemsQueue, cancellationToken).ConfigureAwait(false);
        var summary = item.Summary.Length > NewsItemMessage.MaxSummaryLength ? item.Summary[..NewsItemMessage.MaxSummaryLength] : item.Summary;
        await queue.SendAsync(
            new NewsItemMessage(NewsItemMessage.CurrentSchema, key, feed.RowKey, feed.Title, item.Title, item.Link, item.Published, marker.DiscoveredAt, summary),
            cancellationToken).ConfigureAwait(false);
        marker.Enqueued = true;
        await seen.UpdateEntityAsync(marker, ETag.All, Azure.Data.Tables.TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return true;
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Polled {Url}: HTTP {Status}, {ItemsNew} new items")]
    private partial void LogPolled(string url, int status, int itemsNew);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Polling {Url} failed ({Failures} in a row): {Error}")]
    private partial void LogFailed(string url, int failures, string error);
}
