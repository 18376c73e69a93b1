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

    /// <summary>Email subscribers: the lowest severity they want (<c>low</c>, <c>medium</c>, <c>high</c>).</summary>
    public string MinSeverity { get; set; } = Classification.Severity.Low;

    /// <summary>Email subscribers: JSON array of keywords an item must contain (any of them); empty for none.</summary>
    public string KeywordsInclude { get; set; } = "";

    /// <summary>Email subscribers: JSON array of keywords that drop an item.</summary>
    public string KeywordsExclude { get; set; } = "";

    /// <summary>Email subscribers: comma-separated country names as the classifier writes them; empty for any.</summary>
    public string Countries { get; set; } = "";

    /// <summary>SHA-256 (hex) of the double opt-in token; the token itself only travels in the confirmation email.</summary>
    public string? ConfirmTokenHash { get; set; }
    public DateTimeOffset? ConfirmTokenExpires { get; set; }

    /// <summary>When the last confirmation email went out, so repeated subscribe requests do not resend within 10 minutes.</summary>
    public DateTimeOffset? ConfirmSentAt { get; set; }

    /// <summary>Part of every derived manage and unsubscribe token (see <see cref="SubscriberTokens"/>); bumping it revokes them all.</summary>
    public int TokenGeneration { get; set; }

    /// <summary>Webhook subscribers: the caller's label.</summary>
    public string? Description { get; set; }

    /// <summary>Webhook subscribers: first failed attempt of the current failure streak; five days of failures disable the endpoint.</summary>
    public DateTimeOffset? FailingSince { get; set; }

    /// <summary>Why the subscriber is disabled or unsubscribed (e.g. <c>410 Gone</c>), for status and support.</summary>
    public string? StatusReason { get; set; }

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
