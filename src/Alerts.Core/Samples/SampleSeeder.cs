using Alerts.Core.Classification;
using Alerts.Core.Feeds;
using Alerts.Core.Subscriptions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Samples;

/// <summary>
/// For local runs: on first start (an empty Feeds table) registers the sample feeds, served by the local runner at
/// <c>/samples/feeds/</c>, and the sample subscriber, so a fresh clone shows a digest with no setup.
/// </summary>
public sealed partial class SampleSeeder(
    FeedStore feeds,
    SubscriberStore subscribers,
    TopicClassifier classifier,
    IOptions<AlertsOptions> options,
    ILogger<SampleSeeder> logger)
{
    public const string UrlPath = "/samples/feeds/";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.SeedSampleFeeds || !Directory.Exists(settings.SampleFeedsPath))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(settings.SampleFeedsPath).Where(IsFeedFile).Order(StringComparer.Ordinal))
        {
            var url = new Uri(settings.PublicBaseUrl, UrlPath + Path.GetFileName(file)).ToString();
            if (await feeds.AddAsync(url, cancellationToken).ConfigureAwait(false))
            {
                LogSeededFeed(url);
            }
        }

        if (EmailAddress.TryNormalise(settings.SampleSubscriber, out var address, out _))
        {
            var (subscriber, added) = await subscribers.AddActiveEmailAsync(address, [.. classifier.TopicIds], Cadence.Immediate, cancellationToken).ConfigureAwait(false);
            if (added)
            {
                LogSeededSubscriber(subscriber.RowKey);
            }
        }
    }

    public static bool IsFeedFile(string path) => Path.GetExtension(path) is ".xml" or ".atom" or ".rss";

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Registered sample feed {Url}")]
    private partial void LogSeededFeed(string url);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Added the sample subscriber {SubscriberId} (immediate, all topics)")]
    private partial void LogSeededSubscriber(string subscriberId);
}
