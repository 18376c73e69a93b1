using Alerts.Core.Subscriptions;

namespace Alerts.Core.Delivery;

/// <summary>Decides whether a subscriber's digest is due, in the subscriber's own time zone.</summary>
public static class DigestSchedule
{
    /// <summary>
    /// Immediate: due when no digest went out in the last <paramref name="pollInterval"/> (at most one mail per
    /// poll cycle). Daily and weekly: due from <c>SendHour</c> local time once the last digest run is a day (a
    /// week) of local calendar days old.
    /// </summary>
    public static bool IsDue(SubscriberEntity subscriber, DateTimeOffset now, TimeSpan pollInterval)
    {
        if (subscriber.Cadence == Cadence.Immediate)
        {
            return subscriber.LastDigestAt is not { } lastSent || now - lastSent >= pollInterval;
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
