using Alerts.Core.Storage;
using Alerts.Core.Telemetry;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace Alerts.Core.Status;

/// <summary>
/// Records the start and end of timer runs in <c>Status</c>, for the status endpoint and the local runner's
/// past-due check, and gives every run a span, a logging scope and its run metrics.
/// </summary>
public sealed partial class RunLog(AlertsStorage storage, TimeProvider time, ILogger<RunLog> logger)
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    /// <summary>Runs <paramref name="run"/>, which returns the number of new things it produced, and records the outcome.</summary>
    public async Task<int> TrackAsync(string function, Func<CancellationToken, Task<int>> run, CancellationToken cancellationToken)
    {
        using var activity = AlertsTelemetry.StartRun(function);
        using var scope = logger.BeginRun(function);
        var started = time.GetTimestamp();
        RunEntity? record = null;
        try
        {
            var table = await storage.TableAsync(StorageNames.StatusTable, cancellationToken).ConfigureAwait(false);
            record = await GetAsync(function, cancellationToken).ConfigureAwait(false) ?? new RunEntity { RowKey = function };
            record.LastStart = time.GetUtcNow();
            record.Outcome = Running;
            await table.UpsertEntityAsync(record, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

            var produced = await run(cancellationToken).ConfigureAwait(false);
            record.LastEnd = record.LastSuccess = time.GetUtcNow();
            record.Outcome = Succeeded;
            record.ItemsNew = produced;
            await table.UpsertEntityAsync(record, TableUpdateMode.Replace, CancellationToken.None).ConfigureAwait(false);
            AlertsTelemetry.RunEnded(activity, function, Succeeded, produced, time.GetElapsedTime(started));
            LogSucceeded(logger, function, produced);
            return produced;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            AlertsTelemetry.RunEnded(activity, function, Failed, 0, time.GetElapsedTime(started), e);
            LogFailed(logger, function, e);
            if (record?.LastStart is not null)
            {
                record.LastEnd = time.GetUtcNow();
                record.Outcome = $"{Failed}: {e.Message}";
                await RecordFailureAsync(record).ConfigureAwait(false);
            }

            throw;
        }
    }

    public async Task<RunEntity?> GetAsync(string function, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.StatusTable, cancellationToken).ConfigureAwait(false);
        var found = await table.GetEntityIfExistsAsync<RunEntity>(RunEntity.Partition, function, cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue ? found.Value : null;
    }

    public async Task<IReadOnlyList<RunEntity>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.StatusTable, cancellationToken).ConfigureAwait(false);
        var runs = new List<RunEntity>();
        await foreach (var run in table.QueryAsync<RunEntity>(r => r.PartitionKey == RunEntity.Partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            runs.Add(run);
        }

        return runs;
    }

    /// <summary>Best effort: the run already failed, and storage may be why; the caller sees the run's own error.</summary>
    private async Task RecordFailureAsync(RunEntity record)
    {
        try
        {
            var table = await storage.TableAsync(StorageNames.StatusTable, CancellationToken.None).ConfigureAwait(false);
            await table.UpsertEntityAsync(record, TableUpdateMode.Replace, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException e)
        {
            LogNotRecorded(logger, record.RowKey, e);
        }
    }

    [LoggerMessage(EventId = EventIds.Runs + 1, Level = LogLevel.Information, Message = "{Function} succeeded: {ItemsNew} new")]
    private static partial void LogSucceeded(ILogger logger, string function, int itemsNew);

    [LoggerMessage(EventId = EventIds.Runs + 2, Level = LogLevel.Error, Message = "{Function} failed")]
    private static partial void LogFailed(ILogger logger, string function, Exception exception);

    [LoggerMessage(EventId = EventIds.Runs + 3, Level = LogLevel.Warning, Message = "The failed run of {Function} could not be recorded")]
    private static partial void LogNotRecorded(ILogger logger, string function, Exception exception);
}
