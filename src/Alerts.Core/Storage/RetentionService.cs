using Alerts.Core.Classification;
using Alerts.Core.Feeds;
using Alerts.Core.Status;
using Alerts.Core.Telemetry;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Storage;

/// <summary>
/// PruneStorage: deletes rows past their retention (<see cref="RetentionPolicy"/>). Time-ordered partitions are
/// found by a range query on PartitionKey, the rest by a filter on their time columns; only keys are read, and
/// rows go in transactions of up to 100 per partition. A row another instance deleted first, or that changed since
/// it was read, is left alone. A run stops starting deletions at <see cref="RetentionOptions.TimeBudget"/>.
/// </summary>
public sealed partial class RetentionService(
    AlertsStorage storage,
    Counters counters,
    TimeProvider time,
    IOptions<AlertsOptions> options,
    ILogger<RetentionService> logger)
{
    /// <summary>The most operations Table Storage accepts in one transaction.</summary>
    public const int MaxTransaction = 100;

    private const int PageSize = 1000;

    /// <summary>Transactions in flight at once: on Azure each is a network round trip.</summary>
    public const int Parallelism = 4;

    private static readonly string[] Keys = [nameof(ITableEntity.PartitionKey), nameof(ITableEntity.RowKey)];

    /// <summary>The timer's run: prunes, and returns the rows deleted for the run log.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
        => (int)Math.Min(int.MaxValue, (await PruneAsync(dryRun: false, cancellationToken).ConfigureAwait(false)).Total);

    /// <summary>Prunes every kind of row in <see cref="PruneTargets"/> order; a dry run only counts what it would delete.</summary>
    public async Task<PruneReport> PruneAsync(bool dryRun, CancellationToken cancellationToken)
    {
        var policy = new RetentionPolicy(options.Value.Retention.Items);
        var cutoffs = policy.CutoffsAt(time.GetUtcNow());
        var run = new Run(dryRun, time, options.Value.Retention.TimeBudget);
        var targets = new (string Name, string Table, string Filter, string Counter)[]
        {
            (PruneTargets.Counters, StorageNames.StatusTable, PartitionsBelow(CounterEntity.PartitionPrefix, cutoffs.CounterPartitionBelow), Counters.PrunedCounters),
            (PruneTargets.UnmatchedMarkers, StorageNames.StatusTable, PartitionsBelow(ClassifyItemService.UnmatchedPartitionPrefix, cutoffs.UnmatchedPartitionBelow), Counters.PrunedUnmatchedMarkers),
            (PruneTargets.TitleMarkers, StorageNames.SeenItemsTable, TitleMarkersSeenBefore(cutoffs.TitleMarkersSeenBefore), Counters.PrunedTitleMarkers),
            (PruneTargets.Items, StorageNames.ItemsTable, TableClient.CreateQueryFilter($"PartitionKey lt {cutoffs.ItemsPartitionBelow}"), Counters.PrunedItems),
            (PruneTargets.Deliveries, StorageNames.DeliveriesTable, DeliveriesBefore(cutoffs.DeliveriesStartedBefore), Counters.PrunedDeliveries),
        };

        var counts = new List<PruneCount>();
        foreach (var target in targets)
        {
            var table = await storage.TableAsync(target.Table, cancellationToken).ConfigureAwait(false);
            var rows = new RowCount();
            try
            {
                await PruneTableAsync(table, target.Filter, run, rows, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // Counted even when the run is cancelled half-way: those rows are gone all the same.
                if (!dryRun && rows.Value > 0)
                {
                    await counters.IncrementAsync(target.Counter, rows.Value, CancellationToken.None).ConfigureAwait(false);
                }
            }

            counts.Add(new PruneCount(target.Name, target.Table, rows.Value));
        }

        var report = new PruneReport(counts, !run.Stopped, dryRun);
        var byName = counts.ToDictionary(c => c.Name, c => c.Rows, StringComparer.Ordinal);
        LogPruned(
            dryRun ? "Would prune" : "Pruned",
            report.Total,
            byName[PruneTargets.Counters],
            byName[PruneTargets.UnmatchedMarkers],
            byName[PruneTargets.TitleMarkers],
            byName[PruneTargets.Items],
            byName[PruneTargets.Deliveries]);
        if (!report.Complete)
        {
            LogOutOfTime(options.Value.Retention.TimeBudget);
        }

        return report;
    }

    /// <summary>Reads the matching keys a page at a time and deletes each page before reading the next.</summary>
    private static async Task PruneTableAsync(TableClient table, string filter, Run run, RowCount rows, CancellationToken cancellationToken)
    {
        var pages = table.QueryAsync<TableEntity>(filter, PageSize, Keys, cancellationToken).AsPages();
        await foreach (var page in pages.ConfigureAwait(false))
        {
            if (run.OutOfTime())
            {
                return;
            }

            if (run.DryRun)
            {
                rows.Add(page.Values.Count);
                continue;
            }

            var batches = page.Values.GroupBy(r => r.PartitionKey, StringComparer.Ordinal).SelectMany(p => p.Chunk(MaxTransaction));
            await Parallel.ForEachAsync(
                batches,
                new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                async (batch, token) =>
                {
                    if (!run.OutOfTime())
                    {
                        rows.Add(await DeleteAsync(table, batch, token).ConfigureAwait(false));
                    }
                }).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Deletes one partition's rows in one transaction, each only as it was read (its ETag). When the transaction
    /// fails because a row is gone (another instance pruned it) or changed, the rows go one by one, skipping those.
    /// </summary>
    private static async Task<int> DeleteAsync(TableClient table, TableEntity[] batch, CancellationToken cancellationToken)
    {
        try
        {
            await table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, r.ETag)), cancellationToken).ConfigureAwait(false);
            return batch.Length;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
        }

        var deleted = 0;
        foreach (var row in batch)
        {
            try
            {
                var response = await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken).ConfigureAwait(false);
                deleted += response.Status == 404 ? 0 : 1;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
            }
        }

        return deleted;
    }

    /// <summary>Partitions <paramref name="prefix"/>… that sort below <paramref name="below"/> (which starts with the prefix).</summary>
    private static string PartitionsBelow(string prefix, string below)
        => TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {below}");

    /// <summary>Title markers only: their partitions are <c>title-xx</c>, while item-key markers (never pruned) are two hex characters.</summary>
    private static string TitleMarkersSeenBefore(DateTimeOffset before)
    {
        var prefix = TitleMarkerEntity.PartitionPrefix;
        var afterPrefix = prefix[..^1] + (char)(prefix[^1] + 1);
        return TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {afterPrefix} and SeenAt lt {before}");
    }

    /// <summary>Both started and last written (Timestamp) before the cut-off, so a record touched since counts from then.</summary>
    private static string DeliveriesBefore(DateTimeOffset before)
        => TableClient.CreateQueryFilter($"StartedAt lt {before} and Timestamp lt {before}");

    [LoggerMessage(EventId = EventIds.Retention + 1, Level = LogLevel.Information,
        Message = "{Verb} {Total} rows: {Counters} counters, {UnmatchedMarkers} unmatched markers, {TitleMarkers} title markers, {Items} items, {Deliveries} deliveries")]
    private partial void LogPruned(string verb, long total, long counters, long unmatchedMarkers, long titleMarkers, long items, long deliveries);

    [LoggerMessage(EventId = EventIds.Retention + 2, Level = LogLevel.Warning, Message = "Pruning stopped at its time budget of {Budget}; the next run carries on")]
    private partial void LogOutOfTime(TimeSpan budget);

    /// <summary>One run's mode and time budget; once out of time it stays stopped.</summary>
    private sealed class Run(bool dryRun, TimeProvider time, TimeSpan budget)
    {
        private readonly long _started = time.GetTimestamp();
        private volatile bool _stopped;

        public bool DryRun => dryRun;

        public bool Stopped => _stopped;

        public bool OutOfTime() => _stopped || (_stopped = time.GetElapsedTime(_started) >= budget);
    }

    private sealed class RowCount
    {
        private long _value;

        public long Value => Interlocked.Read(ref _value);

        public void Add(long rows) => Interlocked.Add(ref _value, rows);
    }
}
