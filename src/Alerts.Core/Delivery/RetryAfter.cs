using System.Globalization;

namespace Alerts.Core.Delivery;

/// <summary>Reads how long a server asks to wait: <c>Retry-After</c> (seconds or a date), else <c>X-RateLimit-Reset</c> (Unix seconds, as SendGrid sends).</summary>
public static class RetryAfter
{
    public static TimeSpan? Delay(HttpResponseMessage? response, DateTimeOffset now, TimeSpan max)
    {
        if (response is null)
        {
            return null;
        }

        TimeSpan? wait = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => null,
        };
        if (wait is null && response.Headers.TryGetValues("X-RateLimit-Reset", out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            wait = DateTimeOffset.FromUnixTimeSeconds(seconds) - now;
        }

        return wait is { } w ? (w < TimeSpan.Zero ? TimeSpan.Zero : w > max ? max : w) : null;
    }
}
