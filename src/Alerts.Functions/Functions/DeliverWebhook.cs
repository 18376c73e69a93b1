using Alerts.Core.Delivery;
using Alerts.Core.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Functions;

public sealed class DeliverWebhook(DeliverWebhookService webhooks)
{
    [Function(nameof(DeliverWebhook))]
    public Task Run([QueueTrigger(StorageNames.WebhookDeliveriesQueue)] string message, CancellationToken cancellationToken)
        => webhooks.DeliverAsync(QueueMessages.Parse<WebhookDeliveryMessage>(message), cancellationToken);
}
