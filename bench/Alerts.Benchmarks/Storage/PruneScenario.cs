using System.Diagnostics;
using Alerts.Core.Classification;
using Alerts.Core.Storage;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Benchmarks.Storage;

/// <summary>
/// prune: N items (default 20,000) in 20 day partitions past their retention plus a recent day, pruned by
/// PruneStorage's service against Azurite. The baseline in the same run deletes the same rows the obvious way
/// (whole rows read, one delete call per row, as many at once); reports both times and their ratio, and checks
/// that every old row went, the recent day stayed and a second run deletes nothing.
/// </summary>
public sealed class PruneScenario : IScenario
{
    private const int Days = 20;

    private const int RecentItems = 500;

    public string Name => "prune";

    public string Description => "PruneStorage over N old items in 20 day partitions against one delete per row, Azurite [--rows N]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var rows = ScenarioSupport.Option(args, "--rows", 20_000);
        await using var azurite = await BenchAzurite.StartAsync(cancellationToken);
        await using var services = ScenarioSupport.Services(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString });
        var storage = services.GetRequiredService<AlertsStorage>();
        var items = await storage.TableAsync(StorageNames.ItemsTable, cancellationToken);
        var now = DateTimeOffset.UtcNow;

        await SeedAsync(items, now.AddDays(-200), rows, cancellationToken);
        var baseline = await DeleteRowByRowAsync(items, TableKeys.Day(now.AddDays(-100)), cancellationToken);

        await SeedAsync(items, now.AddDays(-200), rows, cancellationToken);
        await SeedAsync(items, now, RecentItems, cancellationToken);
        var retention = services.GetRequiredService<RetentionService>();
        var clock = Stopwatch.StartNew();
        var report = await retention.PruneAsync(dryRun: false, cancellationToken);
        clock.Stop();
        var second = await retention.PruneAsync(dryRun: false, cancellationToken);
        var left = await CountAsync(items, cancellationToken);

        Console.WriteLine($"rows: {rows} in {Days} day partitions, {RecentItems} recent");
        Console.WriteLine($"PruneStorage: {clock.Elapsed.TotalSeconds:0.00} s ({rows / clock.Elapsed.TotalSeconds:0} rows/s)");
        Console.WriteLine($"baseline, whole rows read and one delete per row, {RetentionService.Parallelism} at once: {baseline.TotalSeconds:0.00} s; PruneStorage / baseline: {clock.Elapsed / baseline:0.00}");
        var correct = report.Complete && report.Total == rows && second.Total == 0 && left == RecentItems;
        Console.WriteLine($"deleted {report.Total}, second run {second.Total}, left {left}: {(correct ? "correct" : "WRONG")}");
        return correct ? 0 : 1;
    }

    private static async Task SeedAsync(TableClient items, DateTimeOffset newest, int count, CancellationToken cancellationToken)
    {
        var perDay = Math.Max(1, count / Days);
        var rows = Enumerable.Range(0, count).Select(i =>
        {
            var key = TableKeys.Hash($"bench-{newest.UtcTicks}-{i}");
            var (partition, row) = ItemEntity.KeysFor(newest.AddDays(-(i / perDay)).AddSeconds(-(i % perDay)), key);
            return new ItemEntity { PartitionKey = partition, RowKey = row, ItemKey = key, Title = "Bench item " + i, Summary = new string('x', 400), Topics = "tariffs" };
        });
        await Parallel.ForEachAsync(
            rows.GroupBy(r => r.PartitionKey).SelectMany(p => p.Chunk(100)),
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (chunk, token) => await items.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)), token));
    }

    private static async Task<TimeSpan> DeleteRowByRowAsync(TableClient items, string below, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            items.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey lt {below}"), cancellationToken: cancellationToken),
            new ParallelOptions { MaxDegreeOfParallelism = RetentionService.Parallelism, CancellationToken = cancellationToken },
            async (row, token) => await items.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, token));
        return clock.Elapsed;
    }

    private static async Task<int> CountAsync(TableClient items, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var _ in items.QueryAsync<TableEntity>(select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            count++;
        }

        return count;
    }
}
