using Alerts.Core.Storage;
using Azure;
using Azure.Data.Tables;

namespace Alerts.Core.Subscriptions;

/// <summary>The <c>Subscribers</c> table.</summary>
public sealed class SubscriberStore(AlertsStorage storage, TimeProvider time)
{
    /// <summary>The id is derived from the normalised address, so adding the same address twice finds the existing row.</summary>
    /// <summary>A new subscriber's first digest covers this much history, so it is not empty until the next story breaks.</summary>
    public static readonly TimeSpan FirstDigestLookBack = TimeSpan.FromHours(24);

    public static string EmailSubscriberId(string normalisedEmail) => TableKeys.Hash("email:" + normalisedEmail)[..32];

    public async Task<(SubscriberEntity Subscriber, bool Added)> AddActiveEmailAsync(
        string normalisedEmail, IReadOnlyList<string> topics, string cadence, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.SubscribersTable, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var subscriber = new SubscriberEntity
        {
            RowKey = EmailSubscriberId(normalisedEmail),
            Address = normalisedEmail,
            Status = SubscriberStatus.Active,
            Topics = string.Join(',', topics),
            Cadence = cadence,
            CreatedAt = now,
            DigestWatermark = now - FirstDigestLookBack,
        };
        try
        {
            await table.AddEntityAsync(subscriber, cancellationToken).ConfigureAwait(false);
            return (subscriber, true);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = await table.GetEntityAsync<SubscriberEntity>(SubscriberEntity.EmailPartition, subscriber.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            return (existing.Value, false);
        }
    }

    public async Task<SubscriberEntity?> GetAsync(string partition, string id, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.SubscribersTable, cancellationToken).ConfigureAwait(false);
        var found = await table.GetEntityIfExistsAsync<SubscriberEntity>(partition, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue ? found.Value : null;
    }

    public async IAsyncEnumerable<SubscriberEntity> ActiveAsync(string partition, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.SubscribersTable, cancellationToken).ConfigureAwait(false);
        await foreach (var subscriber in table.QueryAsync<SubscriberEntity>(
            s => s.PartitionKey == partition && s.Status == SubscriberStatus.Active, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return subscriber;
        }
    }

    /// <summary>Inserts a new row; false when a row with its keys already exists.</summary>
    public async Task<bool> TryAddAsync(SubscriberEntity subscriber, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.SubscribersTable, cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await table.AddEntityAsync(subscriber, cancellationToken).ConfigureAwait(false);
            subscriber.ETag = response.Headers.ETag ?? subscriber.ETag;
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Deletes the row if nobody changed it since it was read; false when someone did or it is gone.</summary>
    public async Task<bool> DeleteAsync(SubscriberEntity subscriber, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.SubscribersTable, cancellationToken).ConfigureAwait(false);
        try
        {
            await table.DeleteEntityAsync(subscriber, subscriber.ETag, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>Replaces the row if nobody changed it since it was read; false when someone did.</summary>
    public async Task<bool> UpdateAsync(SubscriberEntity subscriber, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.SubscribersTable, cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await table.UpdateEntityAsync(subscriber, subscriber.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            subscriber.ETag = response.Headers.ETag ?? subscriber.ETag;
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }
}
