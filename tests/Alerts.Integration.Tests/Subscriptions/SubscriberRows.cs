using Alerts.Core.Storage;
using Alerts.Core.Subscriptions;
using Azure.Data.Tables;

namespace Alerts.Integration.Tests.Subscriptions;

/// <summary>Reads <c>Subscribers</c> rows straight from storage, to assert what the endpoints stored.</summary>
internal static class SubscriberRows
{
    public static async Task<SubscriberEntity?> FindAsync(string connectionString, string partition, string id)
    {
        var table = new TableClient(connectionString, StorageNames.SubscribersTable);
        var found = await table.GetEntityIfExistsAsync<SubscriberEntity>(partition, id);
        return found.HasValue ? found.Value : null;
    }

    public static Task<SubscriberEntity?> EmailAsync(string connectionString, string address)
        => FindAsync(connectionString, SubscriberEntity.EmailPartition, SubscriberStore.EmailSubscriberId(address));
}
