using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Alerts.Core.Delivery;

/// <summary>
/// The SendGrid client's resilience pipeline (its own client does not retry 429): retries 429, 408, 5xx and
/// timeouts with exponential backoff and jitter, waiting as long as <c>Retry-After</c> or SendGrid's
/// <c>X-RateLimit-Reset</c> (Unix seconds) asks, up to <see cref="MaxRateLimitWait"/>.
/// </summary>
public static class SendGridRetry
{
    public static readonly TimeSpan MaxRateLimitWait = TimeSpan.FromMinutes(2);

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, SendGridOptions options, TimeProvider time)
    {
        builder
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                DelayGenerator = args => ValueTask.FromResult(RateLimitDelay(args.Outcome.Result, time.GetUtcNow())),
            })
            .AddTimeout(options.RequestTimeout);
    }

    /// <summary>The wait a 429 or 5xx answer asks for, or null for the backoff.</summary>
    public static TimeSpan? RateLimitDelay(HttpResponseMessage? response, DateTimeOffset now)
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
        if (wait is null && Header(response.Headers, "X-RateLimit-Reset") is { } reset
            && long.TryParse(reset, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            wait = DateTimeOffset.FromUnixTimeSeconds(seconds) - now;
        }

        return wait is { } w ? (w < TimeSpan.Zero ? TimeSpan.Zero : w > MaxRateLimitWait ? MaxRateLimitWait : w) : null;
    }

    private static string? Header(HttpResponseHeaders headers, string name)
        => headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
