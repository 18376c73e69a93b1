namespace Alerts.Core.Delivery;

/// <summary>A message on <c>webhook-deliveries</c>: push one stored item to one webhook subscriber.</summary>
public sealed record WebhookDeliveryMessage(int Schema, string SubscriberId, string ItemPartition, string ItemRow)
{
    public const int CurrentSchema = 1;
}
