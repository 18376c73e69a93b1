namespace Alerts.Core.Feeds;

/// <summary>
/// How a poll's outcome changes a feed's health and schedule: success clears failures, failures back off
/// exponentially (capped at a day) or until the publisher's <c>Retry-After</c>, enough failures in a row pause
/// the feed, and 410 retires it.
/// </summary>
public static class FeedHealthRules
{
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(24);

    public static bool IsDue(FeedEntity feed, DateTimeOffset now) => feed.IsActive && (feed.NextPoll is null || feed.NextPoll <= now);

    /// <summary>5 min after the first failure, doubling each time, never more than 24 h.</summary>
    public static TimeSpan Backoff(int consecutiveFailures)
    {
        var exponent = Math.Clamp(consecutiveFailures - 1, 0, 20);
        var delay = FirstBackoff * Math.Pow(2, exponent);
        return delay < MaxBackoff ? delay : MaxBackoff;
    }

    public static void RecordFetched(FeedEntity feed, FetchResult result, int itemsNew, DateTimeOffset now)
    {
        Moved(feed, result.MovedTo);
        feed.LastPoll = now;
        feed.LastStatus = result.Status;
        if (result.Outcome == FetchOutcome.Gone)
        {
            feed.Gone = true;
            feed.LastError = feed.PausedReason = $"HTTP 410 Gone: the publisher removed this feed on {now:u}; it is no longer polled.";
            feed.NextPoll = null;
            return;
        }

        feed.Title = result.Feed?.Title ?? feed.Title;
        feed.HttpETag = result.HttpETag;
        feed.LastModified = result.LastModified;
        feed.LastSuccess = now;
        feed.ConsecutiveFailures = 0;
        feed.LastError = null;
        feed.ItemsNew = itemsNew;
        feed.NextPoll = null;
    }

    public static void RecordFailure(FeedEntity feed, FeedFetchException failure, int pauseAfter, DateTimeOffset now)
        => RecordFailure(feed, failure.Message, failure.Status, failure.RetryAt, pauseAfter, now);

    public static void RecordFailure(FeedEntity feed, string error, int? status, DateTimeOffset? retryAt, int pauseAfter, DateTimeOffset now)
    {
        feed.LastPoll = now;
        feed.LastStatus = status;
        feed.ConsecutiveFailures++;
        feed.LastError = error;
        feed.ItemsNew = 0;
        var backoff = now + Backoff(feed.ConsecutiveFailures);
        feed.NextPoll = retryAt > backoff ? retryAt : backoff;
        if (feed.ConsecutiveFailures >= pauseAfter)
        {
            feed.Paused = true;
            feed.PausedReason = $"Paused after {feed.ConsecutiveFailures} failed polls in a row; last error: {error}";
        }
    }

    /// <summary>An operator added the feed again: poll it at the next run with a clean slate.</summary>
    public static void Resume(FeedEntity feed)
    {
        feed.Paused = false;
        feed.Gone = false;
        feed.PausedReason = null;
        feed.ConsecutiveFailures = 0;
        feed.NextPoll = null;
    }

    private static void Moved(FeedEntity feed, Uri? movedTo)
    {
        if (movedTo is null || movedTo.ToString() == feed.Url)
        {
            return;
        }

        feed.OriginalUrl ??= feed.Url;
        feed.Url = movedTo.ToString();
    }
}
