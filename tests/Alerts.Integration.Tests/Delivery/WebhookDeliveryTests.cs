using System.Text.Json;
using Alerts.Core.Delivery;
using Alerts.Core.Storage;
using Alerts.Integration.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using StandardWebhooks;

namespace Alerts.Integration.Tests.Delivery;

/// <summary>DeliverWebhook against a real receiver on 127.0.0.1 that verifies signatures with the StandardWebhooks package.</summary>
public sealed class WebhookDeliveryTests(CoreServices core) : IClassFixture<CoreServices>, IAsyncLifetime
{
    private LocalHttpServer _receiver = null!;

    public async Task InitializeAsync() => _receiver = await LocalHttpServer.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task An_alert_is_posted_signed_per_standard_webhooks_with_a_stable_id()
    {
        var secret = WebhookSignature.NewSecret();
        var verified = new List<bool>();
        _receiver.Route("/hook", async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            try
            {
                new StandardWebhook(secret).Verify(body, context.Request.Headers);
                verified.Add(true);
                context.Response.StatusCode = StatusCodes.Status204NoContent;
            }
            catch (StandardWebhooks.Diagnostics.WebhookVerificationException)
            {
                verified.Add(false);
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            }
        });
        await using var services = core.Build();
        var storage = services.GetRequiredService<AlertsStorage>();
        var subscriber = await StoredRows.AddWebhookAsync(storage, _receiver.Url("hook"), secret, "tariffs");
        var item = await StoredRows.AddItemAsync(storage, $"US tariff threat {Guid.NewGuid():N}", "tariffs", DateTimeOffset.UtcNow);
        var webhooks = services.GetRequiredService<DeliverWebhookService>();
        var message = new WebhookDeliveryMessage(WebhookDeliveryMessage.CurrentSchema, subscriber.RowKey, item.PartitionKey, item.RowKey);

        Assert.True(await webhooks.DeliverAsync(message, CancellationToken.None));
        Assert.True(await webhooks.DeliverAsync(message, CancellationToken.None));

        Assert.Equal([true, true], verified);
        var requests = _receiver.Requests.Where(r => r.Path == "/hook").ToList();
        Assert.Equal(requests[0].Headers["webhook-id"], requests[1].Headers["webhook-id"]);
        using var payload = JsonDocument.Parse(requests[0].Body);
        Assert.Equal("alert.created", payload.RootElement.GetProperty("type").GetString());
        Assert.Equal(item.Title, payload.RootElement.GetProperty("data").GetProperty("title").GetString());
        Assert.Equal(["tariffs"], payload.RootElement.GetProperty("data").GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task A_receiver_error_fails_the_delivery_so_the_queue_retries_it()
    {
        _receiver.Route("/down", context =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        });
        await using var services = core.Build();
        var storage = services.GetRequiredService<AlertsStorage>();
        var subscriber = await StoredRows.AddWebhookAsync(storage, _receiver.Url("down"), WebhookSignature.NewSecret(), "tariffs");
        var item = await StoredRows.AddItemAsync(storage, $"Tariff story {Guid.NewGuid():N}", "tariffs", DateTimeOffset.UtcNow);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => services.GetRequiredService<DeliverWebhookService>()
            .DeliverAsync(new WebhookDeliveryMessage(WebhookDeliveryMessage.CurrentSchema, subscriber.RowKey, item.PartitionKey, item.RowKey), CancellationToken.None));
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, error.StatusCode);
    }

    [Fact]
    public async Task Classifying_a_matching_item_queues_one_delivery_per_matching_webhook_even_when_redelivered()
    {
        await using var services = core.Build();
        var storage = services.GetRequiredService<AlertsStorage>();
        var matching = await StoredRows.AddWebhookAsync(storage, _receiver.Url("a"), WebhookSignature.NewSecret(), "tariffs,trade-talks");
        var other = await StoredRows.AddWebhookAsync(storage, _receiver.Url("b"), WebhookSignature.NewSecret(), "rare-earth-export-controls");
        var queue = await storage.QueueAsync(StorageNames.WebhookDeliveriesQueue);
        await queue.ClearMessagesAsync();
        var news = new Alerts.Core.Feeds.NewsItemMessage(
            Alerts.Core.Feeds.NewsItemMessage.CurrentSchema, TableKeys.Hash(Guid.NewGuid().ToString()), "feed", "Wire", "US threatens additional 100% tariff on Chinese goods", null, null, DateTimeOffset.UtcNow, "");

        var classification = services.GetRequiredService<Alerts.Core.Classification.ClassifyItemService>();
        await classification.ClassifyAsync(news, CancellationToken.None);
        await classification.ClassifyAsync(news, CancellationToken.None);

        var queued = (await queue.ReceiveMessagesAsync(32)).Value.Select(m => QueueMessages.Parse<WebhookDeliveryMessage>(m.MessageText)).ToList();
        Assert.Single(queued, m => m.SubscriberId == matching.RowKey);
        Assert.DoesNotContain(queued, m => m.SubscriberId == other.RowKey);
    }
}
