namespace Alerts.Core;

/// <summary>The <c>Alerts</c> configuration section. Every key is documented in the README.</summary>
public sealed class AlertsOptions
{
    public const string SectionName = "Alerts";

    public string? AdminKey { get; set; }

    public Uri PublicBaseUrl { get; set; } = new("http://127.0.0.1:7071");

    public string PollSchedule { get; set; } = "0 */5 * * * *";

    public string DigestSchedule { get; set; } = "0 */15 * * * *";

    /// <summary>When <c>PruneStorage</c> deletes rows past their retention: daily, off-peak.</summary>
    public string PruneSchedule { get; set; } = "0 30 3 * * *";

    /// <summary>A digest covers items discovered up to this long before its run, so items still being classified are not passed over.</summary>
    public TimeSpan DigestSettleDelay { get; set; } = TimeSpan.FromMinutes(2);

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

    /// <summary>A topics JSON file replacing the embedded <c>topics.json</c>; empty for the embedded default.</summary>
    public string? TopicsPath { get; set; }

    /// <summary>A gazetteer JSON file replacing the embedded <c>gazetteer.json</c>; empty for the embedded default.</summary>
    public string? GazetteerPath { get; set; }

    /// <summary>Whether the learned topic model backs matches beside the rules (README, Classification: learned model).</summary>
    public bool UseTopicModel { get; set; } = true;

    /// <summary>A topic model JSON file replacing the embedded <c>topic-model.json</c>; empty for the embedded default.</summary>
    public string? TopicModelPath { get; set; }

    /// <summary>On an empty <c>Feeds</c> table, register the curated public feeds of <c>feeds/default-feeds.opml</c>.</summary>
    public bool SeedDefaultFeeds { get; set; }

    /// <summary>A feed that fails this many polls in a row is paused until an operator adds it again.</summary>
    public int FeedPauseAfterFailures { get; set; } = 10;

    /// <summary>Feed bodies above this size (after decompression) are refused while streaming.</summary>
    public long MaxFeedBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Everything one feed's poll may take: redirects, download and parse.</summary>
    public TimeSpan FeedTimeBudget { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Feed URLs may reach loopback, private and link-local addresses. Off on Azure, so a feed URL cannot probe the
    /// app's own network; the local runner turns it on for its sample feeds.
    /// </summary>
    public bool AllowPrivateFeedAddresses { get; set; }

    /// <summary>Lets webhooks use http and loopback targets: for local runs and tests only.</summary>
    public bool AllowInsecureWebhooks { get; set; }

    /// <summary>Take the client address for rate limits from the last <c>X-Forwarded-For</c> entry (set behind Azure's front end, which appends it).</summary>
    public bool TrustForwardedFor { get; set; }

    public RateLimitOptions RateLimits { get; set; } = new();

    public RetentionOptions Retention { get; set; } = new();
}

/// <summary>How long <c>PruneStorage</c> keeps what it prunes; the other retentions follow from the data (<see cref="Storage.RetentionPolicy"/>).</summary>
public sealed class RetentionOptions
{
    /// <summary>Stored alerts (<c>Items</c> day partitions); at least <see cref="Storage.RetentionPolicy.MinimumItems"/>.</summary>
    public TimeSpan Items { get; set; } = TimeSpan.FromDays(90);

    /// <summary>One run starts no new deletions after this; the next run carries on where it stopped.</summary>
    public TimeSpan TimeBudget { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>Abuse limits on the public subscription endpoints, per instance and per <see cref="Window"/>.</summary>
public sealed class RateLimitOptions
{
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);

    public int SubscribePerIp { get; set; } = 20;

    public int SubscribePerAddress { get; set; } = 5;

    public int WebhooksPerIp { get; set; } = 10;

    public int WebhooksPerHost { get; set; } = 10;

    /// <summary>Test events per webhook.</summary>
    public int TestEventsPerWebhook { get; set; } = 10;
}

public sealed class SendGridOptions
{
    public string? ApiKey { get; set; }

    /// <summary>Overrides the SendGrid API host, so tests can point the real client at a local fake.</summary>
    public string? Host { get; set; }

    public string From { get; set; } = "alerts@example.com";

    /// <summary>How long one request to SendGrid may take before it counts as a timeout and is retried.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First backoff delay for 5xx and timeouts; it doubles per retry, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public int MaxRetries { get; set; } = 4;
}
