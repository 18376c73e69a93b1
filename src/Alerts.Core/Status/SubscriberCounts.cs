using Alerts.Core.Storage;
using Alerts.Core.Subscriptions;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Status;

/// <summary>
/// Subscriber counts for status. They are gauges (a subscriber moves between states), which hourly counters
/// cannot express; gauge rows kept by every state change would drift whenever one write of a pair fails. So
/// they are counted from the source of truth with a projection query (only <c>Status</c>, and for webhooks
/// <c>FailingSince</c>, per partition) and kept for <c>Alerts:SubscriberCountSeconds</c>: one small scan per
/// instance every few minutes instead of one per status call. See the README for where this stops scaling.
/// </summary>
public sealed class SubscriberCounts(AlertsStorage storage, TimeProvider time, IOptions<AlertsOptions> options)
{
    private readonly TimedCache<SubscribersStatus> _cache = new(time, TimeSpan.FromSeconds(Math.Max(0, options.Value.SubscriberCountSeconds)));

    public Task<SubscribersStatus> GetAsync(CancellationToken cancellationToken) => _cache.GetAsync(CountAsync, cancellationToken);

    private async Task<SubscribersStatus> CountAsync(CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.SubscribersTable, cancellationToken).ConfigureAwait(false);
        var email = CountPartitionAsync(table, SubscriberEntity.EmailPartition, cancellationToken);
        var webhook = CountPartitionAsync(table, SubscriberEntity.WebhookPartition, cancellationToken);
        var (emailStates, _) = await email.ConfigureAwait(false);
        var (webhookStates, webhookFailing) = await webhook.ConfigureAwait(false);
        return new SubscribersStatus(
            new EmailSubscribersStatus(emailStates.GetValueOrDefault(SubscriberStatus.Active), emailStates.GetValueOrDefault(SubscriberStatus.Pending)),
            new WebhookSubscribersStatus(webhookStates.GetValueOrDefault(SubscriberStatus.Active), webhookStates.GetValueOrDefault(SubscriberStatus.Disabled), webhookFailing));
    }

    private static async Task<(Dictionary<string, int> States, int ActiveFailing)> CountPartitionAsync(TableClient table, string partition, CancellationToken cancellationToken)
    {
        var states = new Dictionary<string, int>(StringComparer.Ordinal);
        var failing = 0;
        var rows = table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition}"),
            select: [nameof(SubscriberEntity.Status), nameof(SubscriberEntity.FailingSince)],
            cancellationToken: cancellationToken);
        await foreach (var row in rows.ConfigureAwait(false))
        {
            var status = row.GetString(nameof(SubscriberEntity.Status)) ?? "";
            states[status] = states.GetValueOrDefault(status) + 1;
            if (status == SubscriberStatus.Active && row.GetDateTimeOffset(nameof(SubscriberEntity.FailingSince)) is not null)
            {
                failing++;
            }
        }

        return (states, failing);
    }
}
