using Azure;
using Azure.Data.Tables;

namespace Alerts.Core.Delivery;

/// <summary>
/// A row of <c>Deliveries</c>, the idempotency record. Partition the subscriber id; row the digest id (<c>digest-</c>
/// + the inverted ticks of the watermark the digest starts from) or, for webhooks, the item key. Partition
/// <see cref="BatchPartition"/> holds one row per accepted email request, so a claim whose request went out can be
/// recognised after a crash.
/// </summary>
public sealed class DeliveryEntity : ITableEntity
{
    public const string BatchPartition = "batch";

    /// <summary>Digests: claimed; sent once the batch row of its <see cref="BatchId"/> exists.</summary>
    public const string Sending = "sending";

    /// <summary>Email batches: the request was accepted.</summary>
    public const string Sent = "sent";

    /// <summary>Webhooks: recorded, not yet on the queue.</summary>
    public const string Pending = "pending";

    /// <summary>Webhooks: on the queue (first attempt or a retry).</summary>
    public const string Queued = "queued";

    /// <summary>Webhooks: the endpoint answered 2xx.</summary>
    public const string Delivered = "delivered";

    /// <summary>Webhooks: given up (schedule exhausted, endpoint gone or disabled).</summary>
    public const string Failed = "failed";

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

    /// <summary>Digests: the email request (row in <see cref="BatchPartition"/>) this digest goes out in.</summary>
    public string? BatchId { get; set; }

    /// <summary>Webhooks: attempts made so far, and why the last one failed.</summary>
    public int Attempts { get; set; }
    public string? LastError { get; set; }

    public static string DigestId(DateTimeOffset watermark) => "digest-" + Storage.TableKeys.InvertedTicks(watermark);
}
