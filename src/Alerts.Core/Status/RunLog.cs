using Alerts.Core.Storage;
using Azure.Data.Tables;

namespace Alerts.Core.Status;

/// <summary>Records the start and end of timer runs in <c>Status</c>, for the status endpoint and the local runner's past-due check.</summary>
public sealed class RunLog(AlertsStorage storage, TimeProvider time)
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    /// <summary>Runs <paramref name="run"/>, which returns the number of new things it produced, and records the outcome.</summary>
    public async Task<int> TrackAsync(string function, Func<CancellationToken, Task<int>> run, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.StatusTable, cancellationToken).ConfigureAwait(false);
        var record = await GetAsync(function, cancellationToken).ConfigureAwait(false) ?? new RunEntity { RowKey = function };
        record.LastStart = time.GetUtcNow();
        record.Outcome = Running;
        await table.UpsertEntityAsync(record, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        try
        {
            var produced = await run(cancellationToken).ConfigureAwait(false);
            record.LastEnd = record.LastSuccess = time.GetUtcNow();
            record.Outcome = Succeeded;
            record.ItemsNew = produced;
            return produced;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            record.LastEnd = time.GetUtcNow();
            record.Outcome = $"{Failed}: {e.Message}";
            throw;
        }
        finally
        {
            await table.UpsertEntityAsync(record, TableUpdateMode.Replace, CancellationToken.None).ConfigureAwait(false);
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
}
