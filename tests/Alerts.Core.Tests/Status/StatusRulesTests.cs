using Alerts.Core.Status;

namespace Alerts.Core.Tests.Status;

public class StatusRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);
    private static readonly FeedsStatus HealthyFeeds = new(3, 3, 0, 0, [], []);

    private static Dictionary<string, QueueStatus> Queues(int newsPoison = 0, int webhookPoison = 0) => new()
    {
        ["news-items"] = new QueueStatus(4, newsPoison),
        ["digest-jobs"] = new QueueStatus(0, 0),
        ["webhook-deliveries"] = new QueueStatus(0, webhookPoison),
    };

    [Fact]
    public void Healthy_feeds_empty_poison_queues_and_a_recent_poll_are_ok()
        => Assert.Empty(StatusRules.Degradations(Now, HealthyFeeds, Queues(), Now.AddMinutes(-14), FiveMinutes));

    [Fact]
    public void A_message_in_any_poison_queue_degrades()
    {
        var reasons = StatusRules.Degradations(Now, HealthyFeeds, Queues(webhookPoison: 2), Now, FiveMinutes);

        Assert.Equal(["2 poison messages in webhook-deliveries-poison"], reasons);
    }

    [Fact]
    public void A_failing_feed_degrades_but_a_paused_one_does_not()
    {
        Assert.Equal(["1 of 4 feeds failing"], StatusRules.Degradations(Now, new FeedsStatus(4, 2, 1, 1, [], []), Queues(), Now, FiveMinutes));
        Assert.Empty(StatusRules.Degradations(Now, new FeedsStatus(4, 3, 0, 1, [], []), Queues(), Now, FiveMinutes));
    }

    [Fact]
    public void No_successful_poll_for_more_than_three_intervals_degrades()
    {
        var reasons = StatusRules.Degradations(Now, HealthyFeeds, Queues(), Now.AddMinutes(-16), FiveMinutes);

        var reason = Assert.Single(reasons);
        Assert.StartsWith("no successful poll since 2026-11-29T07:44:00Z", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_reason_is_listed()
        => Assert.Equal(3, StatusRules.Degradations(Now, new FeedsStatus(1, 0, 1, 0, [], []), Queues(newsPoison: 1), Now.AddHours(-1), FiveMinutes).Count);
}
