namespace Alerts.Core.Delivery;

/// <summary>A message on <c>webhook-deliveries</c>: push one stored item to one webhook subscriber; <see cref="Attempt"/> counts from 1.</summary>
public sealed record WebhookDeliveryMessage(int Schema, string SubscriberId, string ItemPartition, string ItemRow, int Attempt = 1)
{
    public const int CurrentSchema = 1;
}
