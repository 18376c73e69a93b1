using Alerts.Core.Subscriptions;

namespace Alerts.Core.Delivery;

/// <summary>Decides whether a subscriber's digest is due, in the subscriber's own time zone.</summary>
public static class DigestSchedule
{
    public static bool IsDue(SubscriberEntity subscriber, DateTimeOffset now)
    {
        if (subscriber.Cadence == Cadence.Immediate)
        {
            return true;
        }

        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(subscriber.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(now, zone);
        if (local.Hour < subscriber.SendHour)
        {
            return false;
        }

        if (subscriber.LastDigestAt is not { } last)
        {
            return true;
        }

        var lastLocalDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(last, zone).DateTime);
        var today = DateOnly.FromDateTime(local.DateTime);
        var period = subscriber.Cadence == Cadence.Weekly ? 7 : 1;
        return today.DayNumber - lastLocalDay.DayNumber >= period;
    }
}
