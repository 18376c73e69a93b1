using Alerts.Core.Delivery;
using Alerts.Core.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Functions;

/// <summary>One attempt per message: a failed attempt queues the next one itself (with a visibility delay), so only storage errors fail the message.</summary>
public sealed class DeliverWebhook(DeliverWebhookService webhooks)
{
    [Function(nameof(DeliverWebhook))]
    public async Task Run([QueueTrigger(StorageNames.WebhookDeliveriesQueue)] string message, CancellationToken cancellationToken)
        => await webhooks.DeliverAsync(QueueMessages.Parse<WebhookDeliveryMessage>(message), cancellationToken);
}
