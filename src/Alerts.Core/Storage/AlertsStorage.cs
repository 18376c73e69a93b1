using System.Collections.Concurrent;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Alerts.Core.Storage;

/// <summary>Hands out table and queue clients, creating each table or queue once per process on first use.</summary>
public sealed class AlertsStorage(TableServiceClient tables, QueueServiceClient queues)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<QueueClient>>> _queues = new();

    public TableServiceClient TableService => tables;

    public QueueServiceClient QueueService => queues;

    public Task<TableClient> TableAsync(string name, CancellationToken cancellationToken = default)
        => Cached(_tables, name, async () =>
        {
            var client = tables.GetTableClient(name);
            await client.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            return client;
        });

    public Task<QueueClient> QueueAsync(string name, CancellationToken cancellationToken = default)
        => Cached(_queues, name, async () =>
        {
            var client = queues.GetQueueClient(name);
            await client.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return client;
        });

    private static async Task<T> Cached<T>(ConcurrentDictionary<string, Lazy<Task<T>>> cache, string name, Func<Task<T>> create)
    {
        var lazy = cache.GetOrAdd(name, _ => new Lazy<Task<T>>(create));
        try
        {
            return await lazy.Value.ConfigureAwait(false);
        }
        catch
        {
            // A failed creation (storage briefly down) must not poison the cache for the process lifetime.
            cache.TryRemove(new KeyValuePair<string, Lazy<Task<T>>>(name, lazy));
            throw;
        }
    }
}
