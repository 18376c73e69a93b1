using Alerts.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Alerts.Core.Telemetry;

/// <summary>
/// Logging scopes with the ids operators search by. Subscriber ids are hashed again before they are logged:
/// an email subscriber's id is derived from the address, and logs travel further than the table.
/// </summary>
public static class LogScopes
{
    public const string FunctionKey = "Function";
    public const string FeedIdKey = "FeedId";
    public const string ItemKeyKey = "ItemKey";
    public const string SubscriberKey = "SubscriberHash";

    public static IDisposable? BeginRun(this ILogger logger, string function) => Begin(logger, FunctionKey, function);

    public static IDisposable? BeginFeed(this ILogger logger, string feedId) => Begin(logger, FeedIdKey, feedId);

    public static IDisposable? BeginItem(this ILogger logger, string itemKey) => Begin(logger, ItemKeyKey, itemKey);

    public static IDisposable? BeginSubscriber(this ILogger logger, string subscriberId) => Begin(logger, SubscriberKey, HashSubscriber(subscriberId));

    /// <summary>A stable, short, one-way name for a subscriber in logs and traces; never log the id or address itself.</summary>
    public static string HashSubscriber(string subscriberId) => TableKeys.Hash("subscriber-log:" + subscriberId)[..16];

    private static IDisposable? Begin(ILogger logger, string key, string value)
        => logger.BeginScope(new Dictionary<string, object?>(StringComparer.Ordinal) { [key] = value });
}
