using Alerts.Core.Feeds;

namespace Alerts.Core.Tests.Feeds;

public class FeedHealthRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);

    private static FeedEntity Feed() => new() { RowKey = "f", Url = "https://example.org/feed" };

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(9, 1280)]
    [InlineData(10, 1440)]
    [InlineData(50, 1440)]
    public void Backoff_doubles_from_five_minutes_and_stops_at_a_day(int failures, int minutes)
        => Assert.Equal(TimeSpan.FromMinutes(minutes), FeedHealthRules.Backoff(failures));

    [Fact]
    public void A_failure_counts_records_the_error_and_schedules_the_backoff()
    {
        var feed = Feed();
        feed.ItemsNew = 4;

        FeedHealthRules.RecordFailure(feed, new FeedFetchException("HTTP 500 Internal Server Error", 500), pauseAfter: 10, Now);

        Assert.Equal(1, feed.ConsecutiveFailures);
        Assert.Equal("HTTP 500 Internal Server Error", feed.LastError);
        Assert.Equal(500, feed.LastStatus);
        Assert.Equal(0, feed.ItemsNew);
        Assert.Equal(Now.AddMinutes(5), feed.NextPoll);
        Assert.False(feed.Paused);
    }

    [Fact]
    public void Retry_after_later_than_the_backoff_wins()
    {
        var feed = Feed();

        FeedHealthRules.RecordFailure(feed, new FeedFetchException("HTTP 429", 429, Now.AddHours(2)), pauseAfter: 10, Now);

        Assert.Equal(Now.AddHours(2), feed.NextPoll);
    }

    [Fact]
    public void Retry_after_sooner_than_the_backoff_does_not_shorten_it()
    {
        var feed = Feed();
        feed.ConsecutiveFailures = 3;

        FeedHealthRules.RecordFailure(feed, new FeedFetchException("HTTP 503", 503, Now.AddSeconds(30)), pauseAfter: 10, Now);

        Assert.Equal(Now.AddMinutes(40), feed.NextPoll);
    }

    [Fact]
    public void The_nth_failure_in_a_row_pauses_the_feed_with_the_reason()
    {
        var feed = Feed();
        for (var i = 0; i < 3; i++)
        {
            Assert.True(FeedHealthRules.IsDue(feed, feed.NextPoll ?? Now));
            FeedHealthRules.RecordFailure(feed, new FeedFetchException("Request failed: Connection refused"), pauseAfter: 3, Now);
        }

        Assert.True(feed.Paused);
        Assert.Equal("Paused after 3 failed polls in a row; last error: Request failed: Connection refused", feed.PausedReason);
        Assert.False(FeedHealthRules.IsDue(feed, Now.AddDays(30)));
    }

    [Fact]
    public void Success_clears_failures_and_keeps_the_validators()
    {
        var feed = Feed();
        FeedHealthRules.RecordFailure(feed, new FeedFetchException("boom"), pauseAfter: 10, Now);
        var result = new FetchResult(FetchOutcome.Fetched, 200, new ParsedFeed("Wire", null, []), "\"v2\"", "Sat, 28 Nov 2026 10:00:00 GMT", null);

        FeedHealthRules.RecordFetched(feed, result, itemsNew: 7, Now.AddMinutes(6));

        Assert.Equal(0, feed.ConsecutiveFailures);
        Assert.Null(feed.LastError);
        Assert.Null(feed.NextPoll);
        Assert.Equal(Now.AddMinutes(6), feed.LastSuccess);
        Assert.Equal("\"v2\"", feed.HttpETag);
        Assert.Equal("Wire", feed.Title);
        Assert.Equal(7, feed.ItemsNew);
    }

    [Fact]
    public void Gone_retires_the_feed_for_good()
    {
        var feed = Feed();

        FeedHealthRules.RecordFetched(feed, new FetchResult(FetchOutcome.Gone, 410, null, null, null, null), 0, Now);

        Assert.True(feed.Gone);
        Assert.Contains("410 Gone", feed.PausedReason, StringComparison.Ordinal);
        Assert.Equal(feed.PausedReason, feed.LastError);
        Assert.False(FeedHealthRules.IsDue(feed, Now.AddYears(1)));
    }

    [Fact]
    public void A_permanent_move_replaces_the_url_and_remembers_the_first_one()
    {
        var feed = Feed();
        var notModified = (string url) => new FetchResult(FetchOutcome.NotModified, 304, null, null, null, new Uri(url));

        FeedHealthRules.RecordFetched(feed, notModified("https://example.org/feed2"), 0, Now);
        FeedHealthRules.RecordFetched(feed, notModified("https://example.org/feed3"), 0, Now);

        Assert.Equal("https://example.org/feed3", feed.Url);
        Assert.Equal("https://example.org/feed", feed.OriginalUrl);
        Assert.Equal("f", feed.RowKey);
    }

    [Fact]
    public void Resuming_makes_a_paused_or_gone_feed_due_at_once()
    {
        var feed = Feed();
        feed.Paused = feed.Gone = true;
        feed.PausedReason = "x";
        feed.ConsecutiveFailures = 10;
        feed.NextPoll = Now.AddHours(24);

        FeedHealthRules.Resume(feed);

        Assert.True(FeedHealthRules.IsDue(feed, Now));
        Assert.Equal(0, feed.ConsecutiveFailures);
        Assert.Null(feed.PausedReason);
    }
}
