namespace Alerts.Core.Telemetry;

/// <summary>Values of the <see cref="AlertsTelemetry.ChannelTag"/> tag; the same words as the <c>Subscribers</c> partitions.</summary>
public static class DeliveryChannel
{
    public const string Email = "email";
    public const string Webhook = "webhook";
}
