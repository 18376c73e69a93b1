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
                DelayGenerator = args => ValueTask.FromResult(RetryAfter.Delay(args.Outcome.Result, time.GetUtcNow(), MaxRateLimitWait)),
            })
            .AddTimeout(options.RequestTimeout);
    }
}
