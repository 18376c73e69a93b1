namespace Alerts.Core;

/// <summary>The <c>Alerts</c> configuration section. Every key is documented in the README.</summary>
public sealed class AlertsOptions
{
    public const string SectionName = "Alerts";

    public string? AdminKey { get; set; }

    public Uri PublicBaseUrl { get; set; } = new("http://127.0.0.1:7071");

    public string PollSchedule { get; set; } = "0 */5 * * * *";

    public string DigestSchedule { get; set; } = "0 */5 * * * *";

    public bool SeedSampleFeeds { get; set; }

    /// <summary>Folder whose feed files are registered when seeding; the local runner serves it at <c>/samples/feeds</c>.</summary>
    public string SampleFeedsPath { get; set; } = Path.Combine(AppContext.BaseDirectory, "samples", "feeds");

    /// <summary>Added as an active, immediate, all-topics subscriber when the sample feeds are seeded.</summary>
    public string? SampleSubscriber { get; set; }

    public string OutboxPath { get; set; } = Path.Combine(".alerts", "outbox");

    /// <summary>Base64 of at least 32 random bytes: the HMAC key of email manage and unsubscribe links (<see cref="Subscriptions.SubscriberTokens"/>).</summary>
    public string? TokenKey { get; set; }

    public SendGridOptions SendGrid { get; set; } = new();

    public int MaxConcurrentPolls { get; set; } = 16;

    /// <summary>How long one status report is served to every caller of the status endpoint and page.</summary>
    public int StatusCacheSeconds { get; set; } = 10;

    /// <summary>How long subscriber counts (a projection scan of <c>Subscribers</c>) are kept for status.</summary>
    public int SubscriberCountSeconds { get; set; } = 300;
}

public sealed class SendGridOptions
{
    public string? ApiKey { get; set; }

    /// <summary>Overrides the SendGrid API host, so tests can point the real client at a local fake.</summary>
    public string? Host { get; set; }

    public string From { get; set; } = "alerts@example.com";
}
