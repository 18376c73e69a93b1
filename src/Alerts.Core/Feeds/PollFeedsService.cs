using Alerts.Core.Samples;
using Alerts.Core.Storage;
using Alerts.Core.Telemetry;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Feeds;

/// <summary>PollFeeds: fetches every due feed, records its health, and puts each new item on <c>news-items</c> once.</summary>
public sealed partial class PollFeedsService(
    FeedStore feeds,
    SampleSeeder samples,
    DefaultFeeds defaults,
    FeedFetcher fetcher,
    NearDuplicateIndex titles,
    AlertsStorage storage,
    TimeProvider time,
    IOptions<AlertsOptions> options,
    ILogger<PollFeedsService> logger)
{
    /// <summary>The timer's run: polls due feeds; returns the number of new items enqueued.</summary>
    public async Task<int> PollAsync(CancellationToken cancellationToken)
        => (await PollAsync(dueOnly: true, progress: null, cancellationToken).ConfigureAwait(false)).Sum(r => r.ItemsNew);

    /// <summary>
    /// Polls the active feeds (only those due when <paramref name="dueOnly"/>), reporting each as it finishes.
    /// Paused and gone feeds are never polled.
    /// </summary>
    public async Task<IReadOnlyList<FeedPollResult>> PollAsync(bool dueOnly, IProgress<FeedPollResult>? progress, CancellationToken cancellationToken)
    {
        var all = await feeds.ListAsync(cancellationToken).ConfigureAwait(false);
        if (all.Count == 0)
        {
            await samples.SeedAsync(cancellationToken).ConfigureAwait(false);
            await defaults.SeedAsync(cancellationToken).ConfigureAwait(false);
            all = await feeds.ListAsync(cancellationToken).ConfigureAwait(false);
        }

        var now = time.GetUtcNow();
        var due = all.Where(f => dueOnly ? FeedHealthRules.IsDue(f, now) : f.IsActive).ToList();
        var results = new List<FeedPollResult>(due.Count);
        var unwritten = new List<FeedEntity>(FeedStore.MaxBatch);
        await Parallel.ForEachAsync(
            due,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.MaxConcurrentPolls), CancellationToken = cancellationToken },
            async (feed, ct) =>
            {
                var result = await PollOneAsync(feed, ct).ConfigureAwait(false);
                FeedEntity[]? batch = null;
                lock (results)
                {
                    results.Add(result);
                    unwritten.Add(feed);
                    if (unwritten.Count == FeedStore.MaxBatch)
                    {
                        batch = [.. unwritten];
                        unwritten.Clear();
                    }
                }

                if (batch is not null)
                {
                    await feeds.UpdateManyAsync(batch, ct).ConfigureAwait(false);
                }

                progress?.Report(result);
            }).ConfigureAwait(false);

        // Feed rows are written a hundred at a time: on a poll of a thousand feeds that is ten storage calls, not a thousand.
        await feeds.UpdateManyAsync(unwritten, cancellationToken).ConfigureAwait(false);
        return results;
    }

    private async Task<FeedPollResult> PollOneAsync(FeedEntity feed, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["FeedId"] = feed.RowKey });
        var settings = options.Value;
        FeedPollOutcome outcome;
        var enqueued = 0;
        try
        {
            var result = await fetcher.FetchAsync(feed, cancellationToken).ConfigureAwait(false);
            if (result.Feed is { } parsed)
            {
                var known = RecentItemKeys.Parse(feed.RecentItemKeys);
                var handled = new List<string>(parsed.Items.Count);
                foreach (var item in parsed.Items)
                {
                    var key = ItemIdentity.Key(item, feed.RowKey);
                    if (!known.Contains(RecentItemKeys.Prefix(key))
                        && await EnqueueIfNewAsync(feed, key, parsed.Title ?? feed.Title, item, cancellationToken).ConfigureAwait(false))
                    {
                        enqueued++;
                    }

                    handled.Add(RecentItemKeys.Prefix(key));
                }

                feed.RecentItemKeys = RecentItemKeys.Format(handled);
            }

            FeedHealthRules.RecordFetched(feed, result, enqueued, time.GetUtcNow());
            AlertsTelemetry.Polled(enqueued);
            outcome = result.Outcome switch
            {
                FetchOutcome.NotModified => FeedPollOutcome.NotModified,
                FetchOutcome.Gone => FeedPollOutcome.Gone,
                _ => FeedPollOutcome.Fetched,
            };
            if (outcome == FeedPollOutcome.Gone)
            {
                LogGone(feed.Url);
            }
            else
            {
                LogPolled(feed.Url, result.Status, enqueued);
            }
        }
        catch (FeedFetchException e)
        {
            FeedHealthRules.RecordFailure(feed, e, settings.FeedPauseAfterFailures, time.GetUtcNow());
            outcome = feed.Paused ? FeedPollOutcome.Paused : FeedPollOutcome.Failed;
            LogFailed(feed.Url, feed.ConsecutiveFailures, e.Message, feed.NextPoll);
        }

        return new FeedPollResult(feed, outcome, enqueued);
    }

    /// <summary>
    /// The SeenItems marker is written first (insert-if-absent) and flagged once the message is queued, so a crash
    /// between the two is healed by the next poll instead of losing the item; ClassifyItem is idempotent for the rare
    /// resend. An item whose normalised title another item claimed within 48 h is marked as its duplicate instead.
    /// </summary>
    private async Task<bool> EnqueueIfNewAsync(FeedEntity feed, string key, string? source, FeedItem item, CancellationToken cancellationToken)
    {
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
            if (marker.Enqueued || marker.DuplicateOf is not null)
            {
                return false;
            }
        }

        if (await titles.ClaimAsync(item.Title, key, feed.RowKey, marker.DiscoveredAt, cancellationToken).ConfigureAwait(false) is { } original)
        {
            marker.DuplicateOf = original;
            await seen.UpdateEntityAsync(marker, ETag.All, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return false;
        }

        var queue = await storage.QueueAsync(StorageNames.NewsItemsQueue, cancellationToken).ConfigureAwait(false);
        var summary = item.Summary.Length > NewsItemMessage.MaxSummaryLength ? item.Summary[..NewsItemMessage.MaxSummaryLength] : item.Summary;
        await queue.SendAsync(
            new NewsItemMessage(NewsItemMessage.CurrentSchema, key, feed.RowKey, source, item.Title, item.Link, item.Published, marker.DiscoveredAt, summary),
            cancellationToken).ConfigureAwait(false);
        marker.Enqueued = true;
        await seen.UpdateEntityAsync(marker, ETag.All, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return true;
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Polled {Url}: HTTP {Status}, {ItemsNew} new items")]
    private partial void LogPolled(string url, int status, int itemsNew);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Polling {Url} failed ({Failures} in a row, next poll {NextPoll}): {Error}")]
    private partial void LogFailed(string url, int failures, string error, DateTimeOffset? nextPoll);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "{Url} answered 410 Gone: no longer polled")]
    private partial void LogGone(string url);
}
