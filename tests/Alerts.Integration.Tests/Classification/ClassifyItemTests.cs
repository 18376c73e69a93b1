using System.Text.Json;
using Alerts.Core.Classification;
using Alerts.Core.Delivery;
using Alerts.Core.Feeds;
using Alerts.Core.Status;
using Alerts.Core.Storage;
using Alerts.Integration.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Integration.Tests.Classification;

/// <summary>ClassifyItem against a private Azurite: what it stores, what it counts, what it hands to delivery.</summary>
public sealed class ClassifyItemTests(CoreServices core) : IClassFixture<CoreServices>
{
    private static NewsItemMessage Message(string title, string summary = "", DateTimeOffset? discoveredAt = null)
        => new(NewsItemMessage.CurrentSchema, TableKeys.Hash(Guid.NewGuid().ToString()), "feed", "Wire", title, "https://example.org/a", null, discoveredAt ?? DateTimeOffset.UtcNow, summary);

    [Fact]
    public async Task A_message_for_an_item_discovered_before_the_items_retention_stores_and_sends_nothing()
    {
        await using var services = core.Build();
        var storage = services.GetRequiredService<AlertsStorage>();
        await StoredRows.AddWebhookAsync(storage, new Uri("http://127.0.0.1:9/hook"), WebhookSignature.NewSecret(), "tariffs");
        var queue = await storage.QueueAsync(StorageNames.WebhookDeliveriesQueue);
        await queue.ClearMessagesAsync();
        var service = services.GetRequiredService<ClassifyItemService>();
        // Default items retention is 90 days: its rows and delivery records may already be pruned.
        var stale = Message("US threatens additional 100% tariff on Chinese goods", discoveredAt: DateTimeOffset.UtcNow.AddDays(-91));
        var fresh = Message("US threatens additional 100% tariff on Chinese goods", discoveredAt: DateTimeOffset.UtcNow.AddDays(-89));

        await service.ClassifyAsync(stale, CancellationToken.None);
        await service.ClassifyAsync(fresh, CancellationToken.None);

        var items = await storage.TableAsync(StorageNames.ItemsTable);
        Assert.Empty(await items.QueryAsync<ItemEntity>(e => e.ItemKey == stale.ItemKey).ToListAsync());
        Assert.Single(await items.QueryAsync<ItemEntity>(e => e.ItemKey == fresh.ItemKey).ToListAsync());
        var queued = (await queue.PeekMessagesAsync(32)).Value;
        Assert.DoesNotContain(queued, m => m.MessageText.Contains(stale.ItemKey, StringComparison.Ordinal));
        Assert.Contains(queued, m => m.MessageText.Contains(fresh.ItemKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_matched_item_is_stored_once_with_its_classification_and_counted_once_when_redelivered()
    {
        await using var services = core.Build();
        var service = services.GetRequiredService<ClassifyItemService>();
        var counters = services.GetRequiredService<Counters>();
        var before = await counters.SumAsync(1, CancellationToken.None);
        var message = Message("US threatens additional 100% tariff on Chinese goods", "Scott Bessent said the duty would start on November 1.");

        await service.ClassifyAsync(message, CancellationToken.None);
        await service.ClassifyAsync(message, CancellationToken.None);

        var items = await services.GetRequiredService<AlertsStorage>().TableAsync(StorageNames.ItemsTable);
        var rows = await items.QueryAsync<ItemEntity>(e => e.ItemKey == message.ItemKey).ToListAsync();
        var item = Assert.Single(rows);
        Assert.Equal("tariffs", item.Topics);
        Assert.Equal(Severity.High, item.Severity);
        Assert.Equal("United States,China", item.Countries);
        var stored = JsonSerializer.Deserialize<Alerts.Core.Classification.Classification>(item.ClassificationJson, QueueMessages.Json)!;
        Assert.Contains(stored.Topics.Single().Evidence, e => e.Text == "tariff");
        Assert.Equal(["Scott Bessent"], stored.Entities.People);
        Assert.Contains(new Figure("tariff-rate", "100%"), stored.Figures);
        var after = await counters.SumAsync(1, CancellationToken.None);
        Assert.Equal(before.GetValueOrDefault(Counters.ItemsFor("tariffs")) + 1, after[Counters.ItemsFor("tariffs")]);
    }

    [Fact]
    public async Task An_unmatched_item_is_not_stored_and_counted_once_when_redelivered()
    {
        await using var services = core.Build();
        var service = services.GetRequiredService<ClassifyItemService>();
        var counters = services.GetRequiredService<Counters>();
        var before = (await counters.SumAsync(1, CancellationToken.None)).GetValueOrDefault(Counters.ItemsUnmatched);
        var message = Message("Regulator approves new feed-in tariff for rooftop solar");

        Assert.False((await service.ClassifyAsync(message, CancellationToken.None)).Matched);
        Assert.False((await service.ClassifyAsync(message, CancellationToken.None)).Matched);

        Assert.Equal(before + 1, (await counters.SumAsync(1, CancellationToken.None))[Counters.ItemsUnmatched]);
        var items = await services.GetRequiredService<AlertsStorage>().TableAsync(StorageNames.ItemsTable);
        Assert.Empty(await items.QueryAsync<ItemEntity>(e => e.ItemKey == message.ItemKey).ToListAsync());
    }

    [Fact]
    public async Task Deliveries_are_queued_even_when_an_earlier_attempt_stored_the_item_and_then_died()
    {
        await using var services = core.Build();
        var storage = services.GetRequiredService<AlertsStorage>();
        var subscriber = await StoredRows.AddWebhookAsync(storage, new Uri("http://127.0.0.1:9/hook"), WebhookSignature.NewSecret(), "rare-earth-export-controls");
        var queue = await storage.QueueAsync(StorageNames.WebhookDeliveriesQueue);
        await queue.ClearMessagesAsync();
        var message = Message("China adds indium and bismuth to export control list");
        var service = services.GetRequiredService<ClassifyItemService>();

        // The first attempt wrote the item and its delivery record, then died before the message was queued.
        await service.ClassifyAsync(message, CancellationToken.None);
        await queue.ClearMessagesAsync();
        var deliveries = await storage.TableAsync(StorageNames.DeliveriesTable);
        var record = (await deliveries.GetEntityAsync<DeliveryEntity>(subscriber.RowKey, message.ItemKey)).Value;
        record.State = DeliveryEntity.Pending;
        await deliveries.UpdateEntityAsync(record, record.ETag);
        await service.ClassifyAsync(message, CancellationToken.None);

        var queued = (await queue.ReceiveMessagesAsync(32)).Value.Select(m => QueueMessages.Parse<WebhookDeliveryMessage>(m.MessageText)).ToList();
        var delivery = Assert.Single(queued, m => m.SubscriberId == subscriber.RowKey);
        var (partition, row) = ItemEntity.KeysFor(message.DiscoveredAt, message.ItemKey);
        Assert.Equal((partition, row), (delivery.ItemPartition, delivery.ItemRow));
    }
}

internal static class TableQueries
{
    public static async Task<List<T>> ToListAsync<T>(this Azure.AsyncPageable<T> pages) where T : notnull
    {
        var list = new List<T>();
        await foreach (var item in pages)
        {
            list.Add(item);
        }

        return list;
    }
}
