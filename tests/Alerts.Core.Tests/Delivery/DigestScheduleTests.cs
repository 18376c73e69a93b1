using Alerts.Core.Delivery;
using Alerts.Core.Subscriptions;

namespace Alerts.Core.Tests.Delivery;

public class DigestScheduleTests
{
    private const string NewYork = "America/New_York";
    private static readonly TimeSpan Poll = TimeSpan.FromMinutes(5);

    private static SubscriberEntity Subscriber(string cadence = Cadence.Daily, string timeZone = NewYork, int sendHour = 8, DateTimeOffset? lastDigestAt = null)
        => new() { Cadence = cadence, TimeZone = timeZone, SendHour = sendHour, LastDigestAt = lastDigestAt };

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0)
        => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(23)]
    public void Immediate_is_due_at_any_hour_once_a_poll_cycle_has_passed(int utcHour)
    {
        var subscriber = Subscriber(Cadence.Immediate, sendHour: 23, lastDigestAt: Utc(2025, 1, 15, utcHour).AddMinutes(-5));

        Assert.True(DigestSchedule.IsDue(subscriber, Utc(2025, 1, 15, utcHour), Poll));
    }

    [Fact]
    public void Immediate_sends_at_most_one_mail_per_poll_cycle()
    {
        var subscriber = Subscriber(Cadence.Immediate, lastDigestAt: Utc(2025, 1, 15, 10, 0));

        Assert.False(DigestSchedule.IsDue(subscriber, Utc(2025, 1, 15, 10, 1), Poll));
        Assert.False(DigestSchedule.IsDue(subscriber, Utc(2025, 1, 15, 10, 4), Poll));
        Assert.True(DigestSchedule.IsDue(subscriber, Utc(2025, 1, 15, 10, 5), Poll));
        Assert.True(DigestSchedule.IsDue(Subscriber(Cadence.Immediate), Utc(2025, 1, 15, 10, 1), Poll));
    }

    [Fact]
    public void Daily_is_due_from_the_send_hour_in_the_subscribers_zone_in_winter()
    {
        // 15 January: New York is UTC-5, so 08:00 local is 13:00 UTC.
        var subscriber = Subscriber();

        Assert.False(DigestSchedule.IsDue(subscriber, Utc(2025, 1, 15, 8), Poll));
        Assert.False(DigestSchedule.IsDue(subscriber, Utc(2025, 1, 15, 12, 59), Poll));
        Assert.True(DigestSchedule.IsDue(subscriber, Utc(2025, 1, 15, 13), Poll));
        Assert.True(DigestSchedule.IsDue(subscriber, Utc(2025, 1, 15, 20), Poll));
    }

    [Fact]
    public void Daily_is_due_from_the_send_hour_in_the_subscribers_zone_in_summer()
    {
        // 15 July: New York is UTC-4, so 08:00 local is 12:00 UTC.
        var subscriber = Subscriber();

        Assert.False(DigestSchedule.IsDue(subscriber, Utc(2025, 7, 15, 11, 59), Poll));
        Assert.True(DigestSchedule.IsDue(subscriber, Utc(2025, 7, 15, 12), Poll));
    }

    [Fact]
    public void Daily_is_not_due_twice_the_same_local_day()
    {
        var subscriber = Subscriber(lastDigestAt: Utc(2025, 1, 15, 13, 5));

        Assert.False(DigestSchedule.IsDue(subscriber, Utc(2025, 1, 15, 13, 10), Poll));
        Assert.False(DigestSchedule.IsDue(subscriber, Utc(2025, 1, 15, 22), Poll));

        // 04:30 UTC on the 16th is still 23:30 on the 15th in New York.
        Assert.False(DigestSchedule.IsDue(subscriber, Utc(2025, 1, 16, 4, 30), Poll));
    }

    [Fact]
    public void Daily_is_due_again_the_next_local_day_from_the_send_hour()
    {
        var subscriber = Subscriber(lastDigestAt: Utc(2025, 1, 15, 13, 5));

        Assert.False(DigestSchedule.IsDue(subscriber, Utc(2025, 1, 16, 12, 59), Poll));
        Assert.True(DigestSchedule.IsDue(subscriber, Utc(2025, 1, 16, 13), Poll));
    }

    [Fact]
    public void Daily_uses_local_days_not_utc_days()
    {
        // Sent 21:00 on the 15th in New York (02:00 UTC on the 16th): in UTC days the 16th would already be used up.
        var subscriber = Subscriber(lastDigestAt: Utc(2025, 1, 16, 2));

        Assert.True(DigestSchedule.IsDue(subscriber, Utc(2025, 1, 16, 13), Poll));
    }

    [Fact]
    public void Weekly_needs_seven_local_days()
    {
        var subscriber = Subscriber(Cadence.Weekly, lastDigestAt: Utc(2025, 1, 6, 13, 5));

        Assert.False(DigestSchedule.IsDue(subscriber, Utc(2025, 1, 7, 13), Poll));
        Assert.False(DigestSchedule.IsDue(subscriber, Utc(2025, 1, 12, 23), Poll));
        Assert.False(DigestSchedule.IsDue(subscriber, Utc(2025, 1, 13, 12, 59), Poll)); // seventh day, before the send hour
        Assert.True(DigestSchedule.IsDue(subscriber, Utc(2025, 1, 13, 13), Poll));
        Assert.True(DigestSchedule.IsDue(subscriber, Utc(2025, 1, 20, 13), Poll));
    }

    [Fact]
    public void Weekly_without_a_previous_digest_is_due_at_the_send_hour()
    {
        var subscriber = Subscriber(Cadence.Weekly);

        Assert.False(DigestSchedule.IsDue(subscriber, Utc(2025, 1, 15, 12), Poll));
        Assert.True(DigestSchedule.IsDue(subscriber, Utc(2025, 1, 15, 13), Poll));
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("")]
    [InlineData("not a zone")]
    public void Unknown_time_zone_falls_back_to_utc(string zone)
    {
        var subscriber = Subscriber(timeZone: zone, sendHour: 8);

        Assert.False(DigestSchedule.IsDue(subscriber, Utc(2025, 1, 15, 7, 59), Poll));
        Assert.True(DigestSchedule.IsDue(subscriber, Utc(2025, 1, 15, 8), Poll));
    }

    [Fact]
    public void Zone_east_of_utc_is_due_earlier_in_utc()
    {
        // Tokyo is UTC+9 all year: 08:00 local is 23:00 UTC the day before.
        var subscriber = Subscriber(timeZone: "Asia/Tokyo");

        Assert.False(DigestSchedule.IsDue(subscriber, Utc(2025, 1, 14, 22, 59), Poll));
        Assert.True(DigestSchedule.IsDue(subscriber, Utc(2025, 1, 14, 23), Poll));
    }

    [Fact]
    public void Send_hour_zero_is_due_at_local_midnight()
    {
        var subscriber = Subscriber(sendHour: 0, lastDigestAt: Utc(2025, 1, 15, 13));

        Assert.False(DigestSchedule.IsDue(subscriber, Utc(2025, 1, 16, 4, 59), Poll));
        Assert.True(DigestSchedule.IsDue(subscriber, Utc(2025, 1, 16, 5), Poll));
    }
}
