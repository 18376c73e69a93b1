using Alerts.Core;
using Alerts.Core.Delivery;
using Alerts.Core.Feeds;
using Alerts.Core.Status;
using Alerts.Core.Storage;
using Alerts.Core.Subscriptions;
using Alerts.Integration.Tests.Infrastructure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Alerts.Integration.Tests.Storage;

/// <summary>PruneStorage's service against Azurite, on a fake clock far enough ahead that every row's Timestamp is old.</summary>
public sealed class RetentionTests(CoreServices core) : IClassFixture<CoreServices>, IAsyncLifetime
{
    /// <summary>03:30 UTC, 200 days from the real today: Deliveries rows written now are past their 104 days by then.</summary>
    private static readonly DateTimeOffset Now = new(DateTime.UtcNow.Date.AddDays(200).AddHours(3).AddMinutes(30), TimeSpan.Zero);

    private static readonly string[] PrunedTables = [StorageNames.StatusTable, StorageNames.SeenItemsTable, StorageNames.ItemsTable, StorageNames.DeliveriesTable, StorageNames.SubscribersTable];

    /// <summary>Every test starts from empty tables: the fixture's Azurite is shared by the class.</summary>
    public async Task InitializeAsync()
    {
        var tables = new TableServiceClient(core.Azurite.ConnectionString);
        foreach (var table in PrunedTables)
        {
            await tables.DeleteTableAsync(table);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Rows_just_inside_each_retention_survive_rows_just_outside_go_and_a_second_run_deletes_nothing()
    {
        var clock = new FakeTimeProvider(Now);
        await using var services = Services(clock);
        var storage = services.GetRequiredService<AlertsStorage>();
        var seeded = await SeedEveryKindAsync(services);

        var report = await services.GetRequiredService<RetentionService>().PruneAsync(dryRun: false, CancellationToken.None);

        Assert.True(report.Complete);
        Assert.False(report.DryRun);
        Assert.Equal(seeded.Expected, Counts(report));
        Assert.Equal(seeded.StatusKept, (await RetentionRows.KeysAsync(storage, StorageNames.StatusTable)).Where(k => !IsCurrentHour(k)).ToList());
        Assert.Equal(seeded.SeenItemsKept, await RetentionRows.KeysAsync(storage, StorageNames.SeenItemsTable));
        Assert.Equal(seeded.ItemsKept, await RetentionRows.KeysAsync(storage, StorageNames.ItemsTable));
        Assert.Equal(seeded.DeliveriesKept, await RetentionRows.KeysAsync(storage, StorageNames.DeliveriesTable));
        Assert.Equal(seeded.SubscribersKept, await RetentionRows.KeysAsync(storage, StorageNames.SubscribersTable));

        // The deletions are counted in this hour's counters, which the next run leaves alone like any recent row.
        var pruned = await services.GetRequiredService<Counters>().SumAsync(1, CancellationToken.None);
        Assert.Equal(2, pruned[Counters.PrunedCounters]);
        Assert.Equal(1, pruned[Counters.PrunedUnmatchedMarkers]);
        Assert.Equal(1, pruned[Counters.PrunedTitleMarkers]);
        Assert.Equal(2, pruned[Counters.PrunedItems]);
        Assert.Equal(3, pruned[Counters.PrunedDeliveries]);

        var second = await services.GetRequiredService<RetentionService>().PruneAsync(dryRun: false, CancellationToken.None);

        Assert.Equal(0, second.Total);
        Assert.Equal(seeded.ItemsKept, await RetentionRows.KeysAsync(storage, StorageNames.ItemsTable));
        Assert.Equal(pruned, await services.GetRequiredService<Counters>().SumAsync(1, CancellationToken.None));
    }

    [Fact]
    public async Task A_delivery_record_written_recently_is_kept_however_long_ago_it_started()
    {
        // Real time: the row's Timestamp (its last write, by storage's clock) is now.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var services = Services(clock);
        var storage = services.GetRequiredService<AlertsStorage>();
        await RetentionRows.AddDeliveryAsync(storage, Guid.NewGuid().ToString("N"), "item", clock.GetUtcNow().AddYears(-1), DeliveryEntity.Queued);

        var report = await services.GetRequiredService<RetentionService>().PruneAsync(dryRun: false, CancellationToken.None);

        Assert.Equal(0, Count(report, PruneTargets.Deliveries));
        Assert.Single(await RetentionRows.KeysAsync(storage, StorageNames.DeliveriesTable));
    }

    [Fact]
    public async Task A_dry_run_reports_what_a_run_deletes_and_deletes_nothing()
    {
        var clock = new FakeTimeProvider(Now);
        await using var services = Services(clock);
        var storage = services.GetRequiredService<AlertsStorage>();
        var seeded = await SeedEveryKindAsync(services);
        var before = await AllKeysAsync(storage);

        var dry = await services.GetRequiredService<RetentionService>().PruneAsync(dryRun: true, CancellationToken.None);

        Assert.True(dry.DryRun);
        Assert.Equal(seeded.Expected, Counts(dry));
        Assert.Equal(before, await AllKeysAsync(storage));

        var run = await services.GetRequiredService<RetentionService>().PruneAsync(dryRun: false, CancellationToken.None);
        Assert.Equal(Counts(dry), Counts(run));
    }

    [Fact]
    public async Task Hundreds_of_rows_in_one_partition_all_go_in_transactions_of_100()
    {
        await using var services = Services(new FakeTimeProvider(Now));
        var storage = services.GetRequiredService<AlertsStorage>();
        var oldDay = Now.AddDays(-120);
        await RetentionRows.AddItemsAsync(storage, oldDay, 250);
        for (var i = 0; i < 130; i++)
        {
            await RetentionRows.AddCounterAsync(storage, Now.AddDays(-30), $"items.topic-{i}");
        }

        var report = await services.GetRequiredService<RetentionService>().PruneAsync(dryRun: false, CancellationToken.None);

        Assert.Equal(250, Count(report, PruneTargets.Items));
        Assert.Equal(130, Count(report, PruneTargets.Counters));
        Assert.Empty(await RetentionRows.KeysAsync(storage, StorageNames.ItemsTable));
        Assert.DoesNotContain(await RetentionRows.KeysAsync(storage, StorageNames.StatusTable), k => !IsCurrentHour(k));
    }

    [Fact]
    public async Task A_row_another_instance_deleted_first_is_skipped_and_the_rest_of_its_transaction_still_goes()
    {
        var clock = new FakeTimeProvider(Now);
        await using (var services = Services(clock))
        {
            await RetentionRows.AddItemsAsync(services.GetRequiredService<AlertsStorage>(), Now.AddDays(-120), 5);
        }

        var items = new TableServiceClient(core.Azurite.ConnectionString).GetTableClient(StorageNames.ItemsTable);
        var victim = await items.QueryAsync<TableEntity>().FirstAsync();
        var retention = Retention(clock, beforeFirstBatch: () => items.DeleteEntityAsync(victim.PartitionKey, victim.RowKey));

        var report = await retention.Service.PruneAsync(dryRun: false, CancellationToken.None);

        Assert.Equal(1, retention.Batches);
        Assert.Equal(4, Count(report, PruneTargets.Items));
        Assert.Empty(await items.QueryAsync<TableEntity>().ToListAsync());
    }

    [Fact]
    public async Task A_title_marker_claimed_again_while_it_is_pruned_is_kept()
    {
        var clock = new FakeTimeProvider(Now);
        const string title = "Ministers meet to settle the steel tariff dispute";
        string key;
        await using (var services = Services(clock))
        {
            var titles = services.GetRequiredService<NearDuplicateIndex>();
            Assert.Null(await titles.ClaimAsync(title, "old-item", "feed", Now.AddDays(-5), CancellationToken.None));
            key = TableKeys.Hash(NearDuplicateIndex.NormalisedTitle(title)!);
        }

        var seen = new TableServiceClient(core.Azurite.ConnectionString).GetTableClient(StorageNames.SeenItemsTable);
        var marker = (await seen.GetEntityAsync<TitleMarkerEntity>(TitleMarkerEntity.PartitionFor(key), key)).Value;

        // A poll takes the stale marker over between the prune's read and its delete.
        var retention = Retention(clock, beforeFirstBatch: async () =>
        {
            marker.ItemKey = "new-item";
            marker.SeenAt = Now;
            await seen.UpdateEntityAsync(marker, marker.ETag, TableUpdateMode.Replace);
        });

        var report = await retention.Service.PruneAsync(dryRun: false, CancellationToken.None);

        Assert.Equal(0, Count(report, PruneTargets.TitleMarkers));
        var kept = (await seen.GetEntityAsync<TitleMarkerEntity>(marker.PartitionKey, marker.RowKey)).Value;
        Assert.Equal("new-item", kept.ItemKey);
    }

    [Fact]
    public async Task A_title_marker_pruned_while_a_poll_takes_it_over_is_claimed_afresh()
    {
        var clock = new FakeTimeProvider(Now);
        const string title = "Trade envoys resume talks on rare earth export limits";
        await using var services = Services(clock);
        var titles = services.GetRequiredService<NearDuplicateIndex>();
        Assert.Null(await titles.ClaimAsync(title, "old-item", "feed", Now.AddDays(-5), CancellationToken.None));
        var key = TableKeys.Hash(NearDuplicateIndex.NormalisedTitle(title)!);

        // The prune deletes the stale marker between the poll's read and its take-over (the poll's update answers 404).
        var options = new TableClientOptions();
        var fired = false;
        options.AddPolicy(
            new BeforeRequest(r => r.Method == RequestMethod.Put && r.Uri.Path.Contains(key, StringComparison.Ordinal), async () =>
            {
                if (!fired)
                {
                    fired = true;
                    await new TableServiceClient(core.Azurite.ConnectionString).GetTableClient(StorageNames.SeenItemsTable)
                        .DeleteEntityAsync(TitleMarkerEntity.PartitionFor(key), key);
                }
            }),
            HttpPipelinePosition.PerCall);
        var racing = new NearDuplicateIndex(new AlertsStorage(new TableServiceClient(core.Azurite.ConnectionString, options), new QueueServiceClient(core.Azurite.ConnectionString)));

        Assert.Null(await racing.ClaimAsync(title, "new-item", "feed", Now, CancellationToken.None));

        Assert.True(fired);
        var seen = await services.GetRequiredService<AlertsStorage>().TableAsync(StorageNames.SeenItemsTable);
        var claimed = (await seen.GetEntityAsync<TitleMarkerEntity>(TitleMarkerEntity.PartitionFor(key), key)).Value;
        Assert.Equal("new-item", claimed.ItemKey);
        Assert.Equal(Now, claimed.SeenAt);
    }

    [Fact]
    public async Task Two_instances_pruning_at_once_delete_every_row_once_between_them()
    {
        var clock = new FakeTimeProvider(Now);
        await using (var services = Services(clock))
        {
            var storage = services.GetRequiredService<AlertsStorage>();
            foreach (var days in new[] { 100, 101, 102 })
            {
                await RetentionRows.AddItemsAsync(storage, Now.AddDays(-days), 150);
            }
        }

        var first = Retention(clock);
        var second = Retention(clock);
        var reports = await Task.WhenAll(
            first.Service.PruneAsync(dryRun: false, CancellationToken.None),
            second.Service.PruneAsync(dryRun: false, CancellationToken.None));

        Assert.Equal(450, reports.Sum(r => Count(r, PruneTargets.Items)));
        Assert.Empty(await new TableServiceClient(core.Azurite.ConnectionString).GetTableClient(StorageNames.ItemsTable).QueryAsync<TableEntity>().ToListAsync());
    }

    [Fact]
    public async Task A_run_out_of_time_stops_and_the_next_run_carries_on()
    {
        var clock = new FakeTimeProvider(Now);
        await using var services = Services(clock, new Dictionary<string, string?> { ["Alerts:Retention:TimeBudget"] = "00:00:00" });
        var storage = services.GetRequiredService<AlertsStorage>();
        await RetentionRows.AddItemsAsync(storage, Now.AddDays(-120), 3);

        var stopped = await services.GetRequiredService<RetentionService>().PruneAsync(dryRun: false, CancellationToken.None);

        Assert.False(stopped.Complete);
        Assert.Equal(0, stopped.Total);
        Assert.Equal(3, (await RetentionRows.KeysAsync(storage, StorageNames.ItemsTable)).Count);

        await using var patient = Services(clock);
        var next = await patient.GetRequiredService<RetentionService>().PruneAsync(dryRun: false, CancellationToken.None);

        Assert.True(next.Complete);
        Assert.Equal(3, Count(next, PruneTargets.Items));
    }

    [Fact]
    public async Task A_cancelled_run_stops()
    {
        await using var services = Services(new FakeTimeProvider(Now));
        var storage = services.GetRequiredService<AlertsStorage>();
        await RetentionRows.AddItemsAsync(storage, Now.AddDays(-120), 3);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => services.GetRequiredService<RetentionService>().PruneAsync(dryRun: false, new CancellationToken(canceled: true)));

        Assert.Equal(3, (await RetentionRows.KeysAsync(storage, StorageNames.ItemsTable)).Count);
    }

    private sealed record Seeded(
        Dictionary<string, long> Expected,
        List<(string, string)> StatusKept,
        List<(string, string)> SeenItemsKept,
        List<(string, string)> ItemsKept,
        List<(string, string)> DeliveriesKept,
        List<(string, string)> SubscribersKept);

    /// <summary>For every kind of row, one just inside its retention and one just outside; plus rows never pruned.</summary>
    private static async Task<Seeded> SeedEveryKindAsync(ServiceProvider services)
    {
        var storage = services.GetRequiredService<AlertsStorage>();
        var policy = new RetentionPolicy(new AlertsOptions().Retention.Items);

        // Counters: the hour holding the cut-off stays (part of it is inside), the hour before goes.
        var counterCut = Now - RetentionPolicy.HourlyCounters;
        await RetentionRows.AddCounterAsync(storage, counterCut, Counters.ItemsFor("tariffs"));
        await RetentionRows.AddCounterAsync(storage, counterCut.AddHours(-1), Counters.ItemsFor("tariffs"));
        await RetentionRows.AddCounterAsync(storage, counterCut.AddHours(-1), Counters.EmailSent);
        var status = await storage.TableAsync(StorageNames.StatusTable);
        await status.AddEntityAsync(new RunEntity { RowKey = "PollFeeds", LastStart = Now.AddYears(-1), Outcome = RunLog.Succeeded });

        // Unmatched markers: by day, likewise.
        var unmatchedKept = await RetentionRows.AddUnmatchedMarkerAsync(storage, Now - RetentionPolicy.UnmatchedMarkers);
        await RetentionRows.AddUnmatchedMarkerAsync(storage, Now - RetentionPolicy.UnmatchedMarkers - TimeSpan.FromDays(1));

        // Title markers: by the time they were claimed, to the minute, written by the near-duplicate index itself.
        var titles = services.GetRequiredService<NearDuplicateIndex>();
        await titles.ClaimAsync("Tariff talks resume between the two capitals today", "inside", "feed", Now - RetentionPolicy.TitleMarkers + TimeSpan.FromMinutes(1), CancellationToken.None);
        await titles.ClaimAsync("Export controls on gallium tightened again this week", "outside", "feed", Now - RetentionPolicy.TitleMarkers - TimeSpan.FromMinutes(1), CancellationToken.None);

        // Item-key markers are never pruned, however old.
        for (var i = 0; i < 3; i++)
        {
            await RetentionRows.AddSeenItemAsync(storage, Now.AddYears(-10));
        }

        // Items: the cut-off's day stays whole, from its first tick; the day before goes.
        var itemCut = Now - policy.Items;
        await StoredRows.AddItemAsync(storage, "Inside by a minute", "tariffs", itemCut + TimeSpan.FromMinutes(1));
        await StoredRows.AddItemAsync(storage, "First tick of the kept day", "tariffs", new DateTimeOffset(itemCut.UtcDateTime.Date, TimeSpan.Zero));
        await StoredRows.AddItemAsync(storage, "Last tick of the day before", "tariffs", new DateTimeOffset(itemCut.UtcDateTime.Date, TimeSpan.Zero).AddTicks(-1));
        await StoredRows.AddItemAsync(storage, "Long gone", "tariffs", Now.AddDays(-400));
        await StoredRows.AddItemAsync(storage, "Today", "tariffs", Now);

        // Deliveries: started (and written) before the cut-off go, to the minute; webhook, digest and batch rows alike.
        var deliveryCut = Now - policy.Deliveries;
        var subscriber = Guid.NewGuid().ToString("N");
        await RetentionRows.AddDeliveryAsync(storage, subscriber, "item-inside", deliveryCut + TimeSpan.FromMinutes(1));
        await RetentionRows.AddDeliveryAsync(storage, subscriber, "item-outside", deliveryCut - TimeSpan.FromMinutes(1));
        await RetentionRows.AddDeliveryAsync(storage, subscriber, DeliveryEntity.DigestId(deliveryCut.AddDays(-2)), deliveryCut.AddDays(-1), DeliveryEntity.Sending);
        await RetentionRows.AddDeliveryAsync(storage, DeliveryEntity.BatchPartition, "old-batch", deliveryCut.AddDays(-1), DeliveryEntity.Sent);
        await RetentionRows.AddDeliveryAsync(storage, DeliveryEntity.BatchPartition, "new-batch", Now, DeliveryEntity.Sent);

        // Subscribers are never pruned.
        var subscribers = await storage.TableAsync(StorageNames.SubscribersTable);
        await subscribers.AddEntityAsync(new SubscriberEntity { RowKey = subscriber, Address = "old@example.com", Status = SubscriberStatus.Unsubscribed, CreatedAt = Now.AddYears(-3) });

        return new Seeded(
            new Dictionary<string, long>
            {
                [PruneTargets.Counters] = 2,
                [PruneTargets.UnmatchedMarkers] = 1,
                [PruneTargets.TitleMarkers] = 1,
                [PruneTargets.Items] = 2,
                [PruneTargets.Deliveries] = 3,
            },
            new List<(string, string)>
            {
                (Counters.PartitionFor(counterCut), Counters.ItemsFor("tariffs")),
                (RunEntity.Partition, "PollFeeds"),
                (unmatchedKept, (await status.QueryAsync<TableEntity>(r => r.PartitionKey == unmatchedKept).FirstAsync()).RowKey),
            }.Order().ToList(),
            (await RetentionRows.KeysAsync(storage, StorageNames.SeenItemsTable)).Where(k => !k.Item1.StartsWith(TitleMarkerEntity.PartitionPrefix, StringComparison.Ordinal) || IsTitleOf(k, "Tariff talks resume between the two capitals today")).ToList(),
            (await RetentionRows.KeysAsync(storage, StorageNames.ItemsTable)).Where(k => string.CompareOrdinal(k.Item1, TableKeys.Day(itemCut)) >= 0).ToList(),
            new List<(string, string)> { (subscriber, "item-inside"), (DeliveryEntity.BatchPartition, "new-batch") }.Order().ToList(),
            [(SubscriberEntity.EmailPartition, subscriber)]);
    }

    private static bool IsTitleOf((string Partition, string Row) key, string title) => key.Row == TableKeys.Hash(NearDuplicateIndex.NormalisedTitle(title)!);

    private static bool IsCurrentHour((string Partition, string Row) key) => key.Partition == Counters.PartitionFor(Now);

    private static Dictionary<string, long> Counts(PruneReport report) => report.Counts.ToDictionary(c => c.Name, c => c.Rows);

    private static long Count(PruneReport report, string target) => Assert.Single(report.Counts, c => c.Name == target).Rows;

    private static async Task<Dictionary<string, List<(string, string)>>> AllKeysAsync(AlertsStorage storage)
    {
        var keys = new Dictionary<string, List<(string, string)>>();
        foreach (var table in PrunedTables)
        {
            keys[table] = await RetentionRows.KeysAsync(storage, table);
        }

        return keys;
    }

    private ServiceProvider Services(TimeProvider clock, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?> { ["AzureWebJobsStorage"] = core.Azurite.ConnectionString };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAlerts(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        services.AddSingleton(clock);
        return services.BuildServiceProvider();
    }

    /// <summary>The service on its own table client, so a test can act just before its first transaction reaches storage.</summary>
    private RacingRetention Retention(TimeProvider clock, Func<Task>? beforeFirstBatch = null)
    {
        var options = new TableClientOptions();
        var racing = new RacingRetention();
        options.AddPolicy(
            new BeforeRequest(r => r.Uri.Path.EndsWith("$batch", StringComparison.Ordinal), async () =>
            {
                if (Interlocked.Increment(ref racing.Batches) == 1 && beforeFirstBatch is not null)
                {
                    await beforeFirstBatch();
                }
            }),
            HttpPipelinePosition.PerCall);
        var storage = new AlertsStorage(new TableServiceClient(core.Azurite.ConnectionString, options), new QueueServiceClient(core.Azurite.ConnectionString));
        racing.Service = new RetentionService(storage, new Counters(storage, clock), clock, Options.Create(new AlertsOptions()), NullLogger<RetentionService>.Instance);
        return racing;
    }

    private sealed class RacingRetention
    {
        public int Batches;

        public RetentionService Service { get; set; } = null!;
    }

    /// <summary>Runs <paramref name="action"/> before each request that matches, then sends the request on.</summary>
    private sealed class BeforeRequest(Func<Request, bool> matches, Func<Task> action) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
            => throw new NotSupportedException("The tests call storage asynchronously.");

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (matches(message.Request))
            {
                await action();
            }

            await ProcessNextAsync(message, pipeline);
        }
    }
}
