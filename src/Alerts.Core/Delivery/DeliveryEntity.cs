using Azure;
using Azure.Data.Tables;

namespace Alerts.Core.Delivery;

/// <summary>A row of <c>Deliveries</c>: partition the subscriber id, row the digest id or item key. The idempotency record.</summary>
public sealed class DeliveryEntity : ITableEntity
{
    public const string Sending = "sending";
    public const string Sent = "sent";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string State { get; set; } = Sending;
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset WindowEnd { get; set; }
    public int ItemCount { get; set; }
    public string? MessageId { get; set; }
}
