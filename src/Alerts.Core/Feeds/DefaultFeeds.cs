using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Feeds;

/// <summary>
/// On Azure, the curated public feeds of <c>feeds/default-feeds.opml</c> (embedded) are registered when the
/// <c>Feeds</c> table is empty and <see cref="AlertsOptions.SeedDefaultFeeds"/> is on.
/// </summary>
public sealed partial class DefaultFeeds(FeedStore feeds, IOptions<AlertsOptions> options, ILogger<DefaultFeeds> logger)
{
    public const string ResourceName = "Alerts.Core.default-feeds.opml";

    public static IReadOnlyList<OpmlFeed> Embedded()
    {
        using var stream = typeof(DefaultFeeds).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        return Opml.Read(stream);
    }

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SeedDefaultFeeds)
        {
            return;
        }

        var added = 0;
        foreach (var feed in Embedded())
        {
            if (await feeds.AddAsync(feed.Url, feed.Title, cancellationToken).ConfigureAwait(false))
            {
                added++;
            }
        }

        LogSeeded(added);
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Registered {Count} default feeds")]
    private partial void LogSeeded(int count);
}
