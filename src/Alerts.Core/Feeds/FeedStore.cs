using Alerts.Core.Storage;
using Azure;
using Azure.Data.Tables;

namespace Alerts.Core.Feeds;

/// <summary>The <c>Feeds</c> table.</summary>
public sealed class FeedStore(AlertsStorage storage)
{
    public static string FeedId(string url) => TableKeys.Hash(ItemIdentity.CanonicalLink(url) ?? url.Trim())[..32];

    public async Task<IReadOnlyList<FeedEntity>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.FeedsTable, cancellationToken).ConfigureAwait(false);
        var feeds = new List<FeedEntity>();
        await foreach (var feed in table.QueryAsync<FeedEntity>(f => f.PartitionKey == FeedEntity.Partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            feeds.Add(feed);
        }

        return feeds;
    }

    /// <summary>Adds a feed unless one with the same id exists; returns whether it was added.</summary>
    public Task<bool> AddAsync(string url, CancellationToken cancellationToken) => AddAsync(url, null, cancellationToken);

    /// <inheritdoc cref="AddAsync(string, CancellationToken)"/>
    public Task<bool> AddAsync(string url, string? title, CancellationToken cancellationToken)
        => AddAsync(new FeedEntity { RowKey = FeedId(url), Url = url, Title = title }, cancellationToken);

    /// <inheritdoc cref="AddAsync(string, CancellationToken)"/>
    public async Task<bool> AddAsync(FeedEntity feed, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.FeedsTable, cancellationToken).ConfigureAwait(false);
        try
        {
            await table.AddEntityAsync(feed, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<FeedEntity?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.FeedsTable, cancellationToken).ConfigureAwait(false);
        var found = await table.GetEntityIfExistsAsync<FeedEntity>(FeedEntity.Partition, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Removes a feed; returns whether it existed. Its SeenItems stay, so adding it back repeats no story.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.FeedsTable, cancellationToken).ConfigureAwait(false);
        try
        {
            // Newer SDKs answer a missing row with a 404 response rather than an exception.
            var response = await table.DeleteEntityAsync(FeedEntity.Partition, id, ETag.All, cancellationToken).ConfigureAwait(false);
            return response.Status != 404;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    /// <summary>Rows per entity group transaction: the Table service's limit.</summary>
    public const int MaxBatch = 100;

    /// <summary>
    /// Writes many feeds' poll results in entity group transactions (all feeds share one partition), each row still
    /// conditional on its ETag. A batch that loses a race falls back to row-by-row, where only the stale rows drop.
    /// </summary>
    public async Task UpdateManyAsync(IReadOnlyList<FeedEntity> feeds, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.FeedsTable, cancellationToken).ConfigureAwait(false);
        foreach (var batch in feeds.Chunk(MaxBatch))
        {
            try
            {
                await table.SubmitTransactionAsync(batch.Select(f => new TableTransactionAction(TableTransactionActionType.UpdateReplace, f, f.ETag)), cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException)
            {
                foreach (var feed in batch)
                {
                    await UpdateAsync(feed, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>Writes poll results with the row's ETag; a concurrent poll of the same feed wins and this update is dropped.</summary>
    public async Task<bool> UpdateAsync(FeedEntity feed, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.FeedsTable, cancellationToken).ConfigureAwait(false);
        try
        {
            await table.UpdateEntityAsync(feed, feed.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }
}
