using System.Globalization;
using Alerts.Core.Storage;
using Azure;
using Azure.Data.Tables;

namespace Alerts.Core.Status;

/// <summary>Hourly counters kept by the pipeline, so status never scans item tables.</summary>
public sealed class Counters(AlertsStorage storage, TimeProvider time)
{
    public const string ItemsUnmatched = "items.unmatched";
    public const string EmailSent = "email.sent";
    public const string EmailFailed = "email.failed";
    public const string WebhookSent = "webhook.sent";
    public const string WebhookFailed = "webhook.failed";

    /// <summary>Rows the daily <c>PruneStorage</c> run deleted, per kind of row (see <see cref="Storage.RetentionService"/>).</summary>
    public const string PrunedCounters = "pruned.counters";
    public const string PrunedUnmatchedMarkers = "pruned.unmatched-markers";
    public const string PrunedTitleMarkers = "pruned.title-markers";
    public const string PrunedItems = "pruned.items";
    public const string PrunedDeliveries = "pruned.deliveries";

    public static string ItemsFor(string topic) => "items." + topic;

    public async Task IncrementAsync(string name, long by = 1, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.StatusTable, cancellationToken).ConfigureAwait(false);
        var partition = PartitionFor(time.GetUtcNow());
        for (var attempt = 0; ; attempt++)
        {
            var existing = await table.GetEntityIfExistsAsync<CounterEntity>(partition, name, cancellationToken: cancellationToken).ConfigureAwait(false);
            try
            {
                if (existing.HasValue)
                {
                    var counter = existing.Value!;
                    counter.Value += by;
                    await table.UpdateEntityAsync(counter, counter.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await table.AddEntityAsync(new CounterEntity { PartitionKey = partition, RowKey = name, Value = by }, cancellationToken).ConfigureAwait(false);
                }

                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < 20)
            {
                // Another writer got there first: read again and retry.
            }
        }
    }

    /// <summary>
    /// Every counter of the last <paramref name="hours"/> UTC hours, the current one last, read with one range
    /// query over the hourly partitions. Hours nobody counted in are present and empty.
    /// </summary>
    public async Task<IReadOnlyList<HourlyCounts>> HourlyAsync(int hours, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.StatusTable, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var currentHour = new DateTimeOffset(now.UtcDateTime.Date.AddHours(now.UtcDateTime.Hour), TimeSpan.Zero);
        var hourStarts = Enumerable.Range(0, hours).Select(i => currentHour.AddHours(i - hours + 1)).ToList();
        var counts = hourStarts.ToDictionary(PartitionFor, _ => new Dictionary<string, long>(StringComparer.Ordinal), StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {PartitionFor(hourStarts[0])} and PartitionKey le {PartitionFor(currentHour)}");
        var select = new[] { nameof(CounterEntity.PartitionKey), nameof(CounterEntity.RowKey), nameof(CounterEntity.Value) };
        await foreach (var counter in table.QueryAsync<CounterEntity>(filter, select: select, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (counts.TryGetValue(counter.PartitionKey, out var hour))
            {
                hour[counter.RowKey] = hour.GetValueOrDefault(counter.RowKey) + counter.Value;
            }
        }

        return hourStarts.Select(h => new HourlyCounts(h, counts[PartitionFor(h)])).ToList();
    }

    /// <summary>Sums every counter over the last <paramref name="hours"/> UTC hours, including the current one.</summary>
    public async Task<IReadOnlyDictionary<string, long>> SumAsync(int hours, CancellationToken cancellationToken)
    {
        var sums = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var hour in await HourlyAsync(hours, cancellationToken).ConfigureAwait(false))
        {
            foreach (var (name, value) in hour.Counts)
            {
                sums[name] = sums.GetValueOrDefault(name) + value;
            }
        }

        return sums;
    }

    /// <summary>The partition of the UTC hour <paramref name="hour"/> falls in; these sort by time.</summary>
    public static string PartitionFor(DateTimeOffset hour)
        => CounterEntity.PartitionPrefix + hour.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
}
