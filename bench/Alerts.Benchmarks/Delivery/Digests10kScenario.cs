using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Alerts.Core.Classification;
using Alerts.Core.Delivery;
using Alerts.Core.Storage;
using Alerts.Core.Subscriptions;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Benchmarks.Delivery;

/// <summary>
/// digests-10k: N active daily subscribers (default 10,000) across 20 preference combinations, due now, through
/// SendDigests and SendDigest against Azurite and a SendGrid fake. Reports wall time, SendGrid requests and peak
/// memory, and checks that every subscriber got exactly one mail.
/// </summary>
public sealed class Digests10kScenario : IScenario
{
    private static readonly string[] Topics = ["tariffs", "trade-talks", "rare-earth-export-controls"];

    public string Name => "digests-10k";

    public string Description => "10,000 daily digest subscribers, 20 preference combinations, Azurite + SendGrid fake [--subscribers N] [--workers N]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var count = ScenarioSupport.Option(args, "--subscribers", 10_000);
        var workers = ScenarioSupport.Option(args, "--workers", 4);
        await using var azurite = await BenchAzurite.StartAsync(cancellationToken);
        using var sendGrid = new SendGridCounter();
        await using var services = Services(azurite.ConnectionString, sendGrid.Url);
        var storage = services.GetRequiredService<AlertsStorage>();

        var now = DateTimeOffset.UtcNow;
        var combinations = Combinations();
        var expected = await SeedAsync(storage, count, combinations, now, cancellationToken);
        Console.WriteLine($"seeded {count} subscribers in {combinations.Count} preference combinations; {expected.Count} have matching alerts");

        var clock = Stopwatch.StartNew();
        var due = await services.GetRequiredService<SendDigestsService>().EnqueueDueAsync(cancellationToken);
        var enqueued = clock.Elapsed;
        var jobs = await DrainAsync(storage, services.GetRequiredService<SendDigestService>(), workers, cancellationToken);
        clock.Stop();

        // Baseline in the same run: the storage work alone (read, insert, replace per subscriber) at the same
        // concurrency, so the ratio says what the pipeline adds whatever else the machine is doing.
        var floor = await StorageFloorAsync(storage, count, workers * 16, cancellationToken);

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var duplicates = sendGrid.MailsPerRecipient.Count(m => m.Value > 1);
        var missing = expected.Count(a => !sendGrid.MailsPerRecipient.ContainsKey(a));
        var unexpected = sendGrid.MailsPerRecipient.Keys.Count(a => !expected.Contains(a));
        Console.WriteLine($"due: {due}, digest jobs: {jobs}, enqueue: {enqueued.TotalSeconds:0.0} s");
        Console.WriteLine($"wall time: {clock.Elapsed.TotalSeconds:0.0} s (target <= 60 s on 2 cores)");
        Console.WriteLine($"baseline, 3 table operations per subscriber alone: {floor.TotalSeconds:0.0} s; pipeline / baseline: {clock.Elapsed / floor:0.00}");
        Console.WriteLine($"SendGrid requests: {sendGrid.Requests} for {sendGrid.MailsPerRecipient.Values.Sum()} mails ({(double)sendGrid.MailsPerRecipient.Values.Sum() / Math.Max(1, sendGrid.Requests):0} recipients per request; target >= 1,000 of the same content or all of it)");
        Console.WriteLine($"peak working set: {process.PeakWorkingSet64 / (1024 * 1024)} MB, managed heap now: {GC.GetTotalMemory(false) / (1024 * 1024)} MB");
        Console.WriteLine($"exactly once: {duplicates} duplicates, {missing} missing, {unexpected} unexpected");
        return duplicates == 0 && missing == 0 && unexpected == 0 ? 0 : 1;
    }

    /// <summary>Runs digest jobs from the queue with a few workers, as the host's queue trigger would, until it is empty.</summary>
    private static async Task<int> DrainAsync(AlertsStorage storage, SendDigestService digests, int workers, CancellationToken cancellationToken)
    {
        var queue = await storage.QueueAsync(StorageNames.DigestJobsQueue, cancellationToken);
        var jobs = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, workers), cancellationToken, async (_, token) =>
        {
            while (true)
            {
                var received = (await queue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(5), token)).Value;
                if (received.Length == 0)
                {
                    return;
                }

                await digests.SendAsync(QueueMessages.Parse<DigestJobMessage>(received[0].MessageText), token);
                await queue.DeleteMessageAsync(received[0].MessageId, received[0].PopReceipt, token);
                Interlocked.Increment(ref jobs);
            }
        });
        return jobs;
    }

    private static async Task<TimeSpan> StorageFloorAsync(AlertsStorage storage, int count, int concurrency, CancellationToken cancellationToken)
    {
        var subscribers = await storage.TableAsync(StorageNames.SubscribersTable, cancellationToken);
        var scratch = await storage.TableAsync("BenchFloor", cancellationToken);
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (n, token) =>
        {
            var id = TableKeys.Hash("bench-subscriber-" + n)[..32];
            var subscriber = (await subscribers.GetEntityAsync<SubscriberEntity>(SubscriberEntity.EmailPartition, id, cancellationToken: token)).Value;
            await scratch.AddEntityAsync(new TableEntity(id, "floor"), token);
            await scratch.UpdateEntityAsync(new TableEntity(id, "floor") { ["Watermark"] = subscriber.DigestWatermark }, Azure.ETag.All, TableUpdateMode.Replace, token);
        });
        return clock.Elapsed;
    }

    /// <summary>20 combinations of topics, lowest severity, keywords and countries, every one matching some alerts.</summary>
    private static List<SubscriberEntity> Combinations()
    {
        var combinations = new List<SubscriberEntity>();
        string[][] topicSets = [["tariffs"], ["trade-talks"], ["rare-earth-export-controls"], ["tariffs", "trade-talks"], [.. Topics]];
        string[] severities = [Severity.Low, Severity.Medium];
        string[] countries = ["", "China"];
        foreach (var topics in topicSets)
        {
            foreach (var severity in severities)
            {
                foreach (var country in countries)
                {
                    combinations.Add(new SubscriberEntity { Topics = string.Join(',', topics), MinSeverity = severity, Countries = country });
                }
            }
        }

        return combinations;
    }

    private static async Task<HashSet<string>> SeedAsync(AlertsStorage storage, int count, List<SubscriberEntity> combinations, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var items = await storage.TableAsync(StorageNames.ItemsTable, cancellationToken);
        var alerts = new List<AlertDocument>();
        for (var i = 0; i < 40; i++)
        {
            var discovered = now.AddMinutes(-10 - (i * 30));
            var key = TableKeys.Hash("bench-item-" + i);
            var (partition, row) = ItemEntity.KeysFor(discovered, key);
            var topic = Topics[i % Topics.Length];
            var severity = (i / 3 % 3) switch { 0 => Severity.High, 1 => Severity.Medium, _ => Severity.Low };
            var classification = new Core.Classification.Classification(
                [new TopicMatch(topic, 1 + (i % 5), [new Evidence(topic.Replace('-', ' '), 0, 5)])],
                severity,
                "bench",
                new Entities(i % 2 == 0 ? ["China", "United States"] : ["Japan"], [], []),
                [new Figure("tariff-rate", $"{10 + i}%")]);
            var item = new ItemEntity
            {
                PartitionKey = partition,
                RowKey = row,
                ItemKey = key,
                FeedId = "bench",
                Source = "Bench Wire",
                Title = $"Bench alert {i}: {topic} move by <Ministry>",
                Link = $"https://example.org/bench/{i}",
                Summary = $"A summary of bench alert {i} & its consequences for trade.",
                DiscoveredAt = discovered,
                Topics = topic,
                Severity = severity,
                ClassificationJson = JsonSerializer.Serialize(classification, QueueMessages.Json),
            };
            await items.UpsertEntityAsync(item, TableUpdateMode.Replace, cancellationToken);
            alerts.Add(AlertDocument.From(item));
        }

        var subscribers = await storage.TableAsync(StorageNames.SubscribersTable, cancellationToken);
        var expected = new ConcurrentBag<string>();
        var batches = Enumerable.Range(0, count).Chunk(100).ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (batch, token) =>
        {
            var actions = new List<TableTransactionAction>();
            foreach (var n in batch)
            {
                var combination = combinations[n % combinations.Count];
                var id = TableKeys.Hash("bench-subscriber-" + n)[..32];
                var subscriber = new SubscriberEntity
                {
                    RowKey = id,
                    Address = $"bench{n.ToString(CultureInfo.InvariantCulture)}@example.com",
                    Status = SubscriberStatus.Active,
                    Topics = combination.Topics,
                    MinSeverity = combination.MinSeverity,
                    Countries = combination.Countries,
                    Cadence = Cadence.Daily,
                    TimeZone = "UTC",
                    SendHour = 0,
                    CreatedAt = now.AddDays(-30),
                    LastDigestAt = now.AddDays(-1),
                    DigestWatermark = now.AddDays(-1),
                };
                if (alerts.Any(AlertPreferences.Of(subscriber).Matches))
                {
                    expected.Add(subscriber.Address);
                }

                actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, subscriber));
            }

            await subscribers.SubmitTransactionAsync(actions, token);
        });
        return [.. expected];
    }

    private static ServiceProvider Services(string storage, string sendGrid) => ScenarioSupport.Services(new Dictionary<string, string?>
    {
        ["AzureWebJobsStorage"] = storage,
        ["Alerts:SendGrid:ApiKey"] = "SG.bench-key",
        ["Alerts:SendGrid:Host"] = sendGrid,
        ["Alerts:PublicBaseUrl"] = "https://alerts.example.org/",
        ["Alerts:TokenKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
    });
}
