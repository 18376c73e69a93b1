using Alerts.Core.Delivery;
using Alerts.Core.Feeds;
using Alerts.Core.Status;
using Alerts.Core.Storage;

namespace Alerts.Core.Tests.Storage;

public class RetentionPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 3, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Day_and_hour_partitions_go_once_all_of_them_is_older_than_the_retention()
    {
        var cutoffs = new RetentionPolicy(TimeSpan.FromDays(90)).CutoffsAt(Now);

        // 90 days before 2026-11-29 03:30 is 2026-08-31 03:30: that day is partly inside, so it stays; the 30th goes.
        Assert.Equal("20260831", cutoffs.ItemsPartitionBelow);
        Assert.True(string.CompareOrdinal("20260830", cutoffs.ItemsPartitionBelow) < 0);
        Assert.False(string.CompareOrdinal("20260831", cutoffs.ItemsPartitionBelow) < 0);

        // Unmatched markers: 14 days, to 2026-11-15 03:30.
        Assert.Equal("unmatched-20261115", cutoffs.UnmatchedPartitionBelow);

        // Counters: 7 days, to 2026-11-22 03:30, whose hour 03 stays and hour 02 goes.
        Assert.Equal("count-2026112203", cutoffs.CounterPartitionBelow);
        Assert.True(string.CompareOrdinal("count-2026112202", cutoffs.CounterPartitionBelow) < 0);
    }

    [Theory]
    [InlineData("2026-11-29T00:00:00Z", "20260831", "count-2026112200")]
    [InlineData("2026-11-29T23:59:59Z", "20260831", "count-2026112223")]
    [InlineData("2026-03-01T00:30:00Z", "20251201", "count-2026022200")]
    public void A_partition_starting_exactly_at_the_cut_off_stays_and_the_one_before_goes(string now, string itemsBelow, string countersBelow)
    {
        var cutoffs = new RetentionPolicy(TimeSpan.FromDays(90)).CutoffsAt(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(itemsBelow, cutoffs.ItemsPartitionBelow);
        Assert.Equal(countersBelow, cutoffs.CounterPartitionBelow);
    }

    [Fact]
    public void Title_markers_and_deliveries_go_by_their_time_exactly()
    {
        var cutoffs = new RetentionPolicy(TimeSpan.FromDays(90)).CutoffsAt(Now);

        Assert.Equal(Now - TimeSpan.FromHours(72), cutoffs.TitleMarkersSeenBefore);
        Assert.Equal(Now - TimeSpan.FromDays(104), cutoffs.DeliveriesStartedBefore);
    }

    [Fact]
    public void Unmatched_markers_outlive_every_redelivery_of_their_message()
        => Assert.True(RetentionPolicy.UnmatchedMarkers > RetentionPolicy.QueueMessageLifetime);

    [Fact]
    public void Title_markers_outlive_the_near_duplicate_window()
        => Assert.True(RetentionPolicy.TitleMarkers > NearDuplicateIndex.Window);

    [Fact]
    public void Counters_outlive_what_status_reads()
        => Assert.True(RetentionPolicy.HourlyCounters > TimeSpan.FromHours(StatusService.ChartHours));

    [Theory]
    [InlineData(31)]
    [InlineData(90)]
    [InlineData(3650)]
    public void Deliveries_outlive_their_items_by_a_message_lifetime_and_its_longest_delay(int itemDays)
    {
        var policy = new RetentionPolicy(TimeSpan.FromDays(itemDays));

        Assert.Equal(policy.Items + RetentionPolicy.QueueMessageLifetime + DelayedQueueMessages.MaxDelay, policy.Deliveries);
        Assert.True(policy.CutoffsAt(Now).DeliveriesStartedBefore < Now - policy.Items - TimeSpan.FromDays(1));
    }

    [Fact]
    public void Items_outlive_the_alerts_api_and_the_longest_digest_window()
    {
        Assert.True(RetentionPolicy.MinimumItems >= AlertsQuery.MaxLookBack);
        Assert.True(RetentionPolicy.MinimumItems >= SendDigestService.MaxWindow);
        Assert.True(new AlertsOptions().Retention.Items >= RetentionPolicy.MinimumItems);
    }

    [Fact]
    public void An_item_retention_shorter_than_the_alerts_api_reaches_back_is_refused_with_the_setting_named()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new RetentionPolicy(AlertsQuery.MaxLookBack - TimeSpan.FromHours(1)));

        Assert.Contains("Alerts:Retention:Items", e.Message, StringComparison.Ordinal);
        Assert.Contains("31 days", e.Message, StringComparison.Ordinal);
    }
}
