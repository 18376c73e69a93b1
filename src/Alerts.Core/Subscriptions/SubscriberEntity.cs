using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace Alerts.Core.Subscriptions;

/// <summary>A row of <c>Subscribers</c>: partition <c>email</c> or <c>webhook</c>, row the subscriber id.</summary>
public sealed class SubscriberEntity : ITableEntity
{
    public const string EmailPartition = "email";
    public const string WebhookPartition = "webhook";

    public string PartitionKey { get; set; } = EmailPartition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The email address or webhook URL.</summary>
    public string Address { get; set; } = "";
    public string Status { get; set; } = SubscriberStatus.Pending;
    public string Topics { get; set; } = "";
    public string Cadence { get; set; } = Subscriptions.Cadence.Daily;
    public string TimeZone { get; set; } = "UTC";
    public int SendHour { get; set; } = 8;
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Webhook subscribers only: the Standard Webhooks signing secret, <c>whsec_</c> + base64.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Items discovered after this time have not been sent yet; it only moves after a successful send.</summary>
    public DateTimeOffset DigestWatermark { get; set; }
    public DateTimeOffset? LastDigestAt { get; set; }

    [IgnoreDataMember]
    public IReadOnlyList<string> TopicIds => Topics.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

public static class SubscriberStatus
{
    public const string Pending = "pending";
    public const string Active = "active";
    public const string Unsubscribed = "unsubscribed";
    public const string Disabled = "disabled";
}

public static class Cadence
{
    public const string Immediate = "immediate";
    public const string Daily = "daily";
    public const string Weekly = "weekly";

    public static readonly IReadOnlyList<string> All = [Immediate, Daily, Weekly];
}
