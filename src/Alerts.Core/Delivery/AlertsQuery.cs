using System.Globalization;

namespace Alerts.Core.Delivery;

/// <summary>The query of <c>GET /api/alerts</c> and <c>GET /api/alerts.atom</c>: <c>topic</c>, <c>since</c> (ISO 8601), <c>limit</c>.</summary>
public sealed record AlertsQuery(string? Topic, DateTimeOffset Since, int Limit)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
    public static readonly TimeSpan DefaultLookBack = TimeSpan.FromDays(7);

    /// <summary>How far back <c>since</c> may reach: the listing walks one day partition per day.</summary>
    public static readonly TimeSpan MaxLookBack = TimeSpan.FromDays(31);

    /// <summary>Parses the query; on bad input returns null and the errors per parameter, for a problem+json answer.</summary>
    public static AlertsQuery? Parse(Func<string, string?> parameter, IEnumerable<string> topics, DateTimeOffset now, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var topic = parameter("topic");
        if (string.IsNullOrEmpty(topic))
        {
            topic = null;
        }
        else if (!topics.Contains(topic, StringComparer.Ordinal))
        {
            errors["topic"] = [$"Unknown topic; known topics: {string.Join(", ", topics)}."];
        }

        var since = now - DefaultLookBack;
        if (parameter("since") is { Length: > 0 } sinceText)
        {
            if (!DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out since))
            {
                errors["since"] = ["Not an ISO 8601 date and time, such as 2026-11-29T08:00:00Z."];
            }
            else if (since < now - MaxLookBack)
            {
                errors["since"] = [$"May reach back at most {MaxLookBack.TotalDays:0} days."];
            }
        }

        var limit = DefaultLimit;
        if (parameter("limit") is { Length: > 0 } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            errors["limit"] = [$"A whole number from 1 to {MaxLimit}."];
        }

        return errors.Count == 0 ? new AlertsQuery(topic, since, limit) : null;
    }
}
