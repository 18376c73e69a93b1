using Alerts.Core.Scheduling;

namespace Alerts.Core.Tests.Scheduling;

public class TimerScheduleTests
{
    private static DateTimeOffset Utc(int hour, int minute, int second = 0)
        => new(2025, 1, 15, hour, minute, second, TimeSpan.Zero);

    [Fact]
    public void Parses_a_six_field_expression()
    {
        Assert.True(TimerSchedule.TryParse("0 */5 * * * *", out var schedule, out var error));
        Assert.NotNull(schedule);
        Assert.Equal("0 */5 * * * *", schedule.Text);
        Assert.Equal("", error);
    }

    [Fact]
    public void Next_is_the_following_five_minute_mark()
    {
        var schedule = TimerSchedule.Parse("0 */5 * * * *");

        Assert.Equal(Utc(10, 5), schedule.Next(Utc(10, 2, 30)));
        Assert.Equal(Utc(10, 10), schedule.Next(Utc(10, 5))); // strictly after
        Assert.Equal(Utc(11, 0), schedule.Next(Utc(10, 59, 59)));
    }

    [Fact]
    public void Previous_is_the_latest_occurrence_at_or_before_now()
    {
        var schedule = TimerSchedule.Parse("0 */5 * * * *");

        Assert.Equal(Utc(10, 0), schedule.Previous(Utc(10, 2, 30)));
        Assert.Equal(Utc(10, 5), schedule.Previous(Utc(10, 5)));
        Assert.Equal(Utc(10, 55), schedule.Previous(Utc(10, 59, 59)));
    }

    [Fact]
    public void Previous_looks_back_over_days_for_sparse_schedules()
    {
        var daily = TimerSchedule.Parse("0 30 9 * * *");
        var weekly = TimerSchedule.Parse("0 0 6 * * 1"); // Mondays 06:00; 15 January 2025 is a Wednesday

        Assert.Equal(new DateTimeOffset(2025, 1, 14, 9, 30, 0, TimeSpan.Zero), daily.Previous(Utc(8, 0)));
        Assert.Equal(new DateTimeOffset(2025, 1, 13, 6, 0, 0, TimeSpan.Zero), weekly.Previous(Utc(8, 0)));
    }

    [Fact]
    public void Interval_is_five_minutes()
    {
        var schedule = TimerSchedule.Parse("0 */5 * * * *");

        Assert.Equal(TimeSpan.FromMinutes(5), schedule.Interval(Utc(10, 2, 30)));
        Assert.Equal(TimeSpan.FromHours(1), TimerSchedule.Parse("0 0 * * * *").Interval(Utc(10, 2, 30)));
    }

    [Fact]
    public void Seconds_field_is_honoured()
    {
        var schedule = TimerSchedule.Parse("*/30 * * * * *");

        Assert.Equal(Utc(10, 0, 30), schedule.Next(Utc(10, 0, 10)));
        Assert.Equal(TimeSpan.FromSeconds(30), schedule.Interval(Utc(10, 0, 10)));
    }

    [Theory]
    [InlineData("*/5 * * * *")]
    [InlineData("every five minutes")]
    [InlineData("0 */5 * * * * *")]
    [InlineData("0 61 * * * *")]
    [InlineData("")]
    [InlineData(null)]
    public void Rejects_anything_but_six_field_ncrontab(string? text)
    {
        Assert.False(TimerSchedule.TryParse(text, out var schedule, out var error));
        Assert.Null(schedule);
        Assert.Contains("NCRONTAB", error, StringComparison.Ordinal);
        Assert.Contains($"'{text}'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_throws_a_format_exception_naming_ncrontab()
    {
        var e = Assert.Throws<FormatException>(() => TimerSchedule.Parse("*/5 * * * *"));

        Assert.Contains("NCRONTAB", e.Message, StringComparison.Ordinal);
    }
}
