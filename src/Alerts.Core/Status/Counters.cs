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

    /// <summary>Sums every counter over the last <paramref name="hours"/> UTC hours, including the current one.</summary>
    public async Task<IReadOnlyDictionary<string, long>> SumAsync(int hours, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.StatusTable, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var from = PartitionFor(now.AddHours(-(hours - 1)));
        var to = PartitionFor(now);
        var sums = new Dictionary<string, long>(StringComparer.Ordinal);
        var filter = $"PartitionKey ge '{from}' and PartitionKey le '{to}'";
        await foreach (var counter in table.QueryAsync<CounterEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            sums[counter.RowKey] = sums.GetValueOrDefault(counter.RowKey) + counter.Value;
        }

        return sums;
    }

    private static string PartitionFor(DateTimeOffset hour)
        => CounterEntity.PartitionPrefix + hour.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
}
