using Cronos;

namespace Alerts.Core.Scheduling;

/// <summary>An Azure Functions timer schedule: a six-field NCRONTAB expression (with seconds), evaluated in UTC.</summary>
public sealed class TimerSchedule
{
    private readonly CronExpression _expression;

    private TimerSchedule(string text, CronExpression expression)
    {
        Text = text;
        _expression = expression;
    }

    public string Text { get; }

    public static bool TryParse(string? text, out TimerSchedule? schedule, out string error)
    {
        schedule = null;
        try
        {
            schedule = new TimerSchedule(text ?? "", CronExpression.Parse(text ?? "", CronFormat.IncludeSeconds));
            error = "";
            return true;
        }
        catch (CronFormatException e)
        {
            error = $"'{text}' is not a six-field NCRONTAB expression ({e.Message})";
            return false;
        }
    }

    public static TimerSchedule Parse(string text)
        => TryParse(text, out var schedule, out var error) ? schedule! : throw new FormatException(error);

    public DateTimeOffset Next(DateTimeOffset after)
        => _expression.GetNextOccurrence(after, TimeZoneInfo.Utc) ?? DateTimeOffset.MaxValue;

    /// <summary>The latest occurrence at or before <paramref name="now"/>, searched back over growing windows up to 8 days.</summary>
    public DateTimeOffset? Previous(DateTimeOffset now)
    {
        foreach (var window in LookBack)
        {
            var occurrences = _expression.GetOccurrences(now - window, now, TimeZoneInfo.Utc, fromInclusive: true, toInclusive: true);
            if (occurrences.LastOrDefault() is { } last && last != default)
            {
                return last;
            }
        }

        return null;
    }

    private static readonly TimeSpan[] LookBack = [TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(8)];

    /// <summary>The gap between the next two occurrences: the nominal interval, used by the status rules.</summary>
    public TimeSpan Interval(DateTimeOffset now)
    {
        var next = Next(now);
        return Next(next) - next;
    }
}
