using System.Globalization;
using System.Text;
using System.Text.Json;
using Alerts.Core.Classification;
using Alerts.Core.Storage;
using Alerts.Core.Subscriptions;
using Microsoft.Extensions.Logging;

namespace Alerts.Core.Delivery;

/// <summary>DeliverWebhook: POSTs one signed <c>alert.created</c> event; a non-2xx answer throws so the queue retries.</summary>
public sealed partial class DeliverWebhookService(
    SubscriberStore subscribers,
    AlertsStorage storage,
    IHttpClientFactory clients,
    TimeProvider time,
    ILogger<DeliverWebhookService> logger)
{
    public const string ClientName = "webhooks";

    public async Task<bool> DeliverAsync(WebhookDeliveryMessage message, CancellationToken cancellationToken)
    {
        var subscriber = await subscribers.GetAsync(SubscriberEntity.WebhookPartition, message.SubscriberId, cancellationToken).ConfigureAwait(false);
        if (subscriber is not { Status: SubscriberStatus.Active, WebhookSecret: { } secret })
        {
            return false;
        }

        var items = await storage.TableAsync(StorageNames.ItemsTable, cancellationToken).ConfigureAwait(false);
        var found = await items.GetEntityIfExistsAsync<ItemEntity>(message.ItemPartition, message.ItemRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!found.HasValue)
        {
            return false;
        }

        var item = found.Value!;
        var id = "msg_" + TableKeys.Hash(subscriber.RowKey + ":" + item.ItemKey)[..32];
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        var body = JsonSerializer.Serialize(
            new
            {
                type = "alert.created",
                timestamp = time.GetUtcNow(),
                data = new
                {
                    id = item.ItemKey,
                    item.Title,
                    item.Link,
                    item.Source,
                    item.Published,
                    item.DiscoveredAt,
                    topics = item.TopicIds,
                    item.Severity,
                    classification = JsonDocument.Parse(item.ClassificationJson).RootElement,
                },
            },
            QueueMessages.Json);
        using var request = new HttpRequestMessage(HttpMethod.Post, subscriber.Address)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(secret, id, timestamp, body));
        using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Webhook answered {(int)response.StatusCode}.", null, response.StatusCode);
        }

        LogDelivered(id, (int)response.StatusCode);
        return true;
    }

    /// <summary>Queues one delivery per active webhook subscriber whose topics meet the item's.</summary>
    public async Task<int> EnqueueForAsync(ItemEntity item, CancellationToken cancellationToken)
    {
        var queue = await storage.QueueAsync(StorageNames.WebhookDeliveriesQueue, cancellationToken).ConfigureAwait(false);
        var count = 0;
        await foreach (var subscriber in subscribers.ActiveAsync(SubscriberEntity.WebhookPartition, cancellationToken).ConfigureAwait(false))
        {
            if (subscriber.TopicIds.Any(item.TopicIds.Contains))
            {
                await queue.SendAsync(new WebhookDeliveryMessage(WebhookDeliveryMessage.CurrentSchema, subscriber.RowKey, item.PartitionKey, item.RowKey), cancellationToken).ConfigureAwait(false);
                count++;
            }
        }

        return count;
    }

    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Delivered webhook {WebhookId}: HTTP {Status}")]
    private partial void LogDelivered(string webhookId, int status);
}
