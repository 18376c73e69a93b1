using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Subscriptions;

/// <summary>
/// Fixed-window request limits per client address, email address and webhook host, kept in this instance's memory.
/// Several instances each keep their own count; the guarantee that matters to the person whose address is typed
/// in (one confirmation email per 10 minutes) is kept in the <c>Subscribers</c> row instead, so it holds across
/// instances.
/// </summary>
public sealed class AbuseLimits : IDisposable
{
    public const string SubscribePerIp = "subscribe-ip";
    public const string SubscribePerAddress = "subscribe-address";
    public const string WebhooksPerIp = "webhooks-ip";
    public const string WebhooksPerHost = "webhooks-host";
    public const string TestEventsPerWebhook = "webhook-test";

    private readonly PartitionedRateLimiter<(string Bucket, string Key)> _limiter;

    public AbuseLimits(IOptions<AlertsOptions> options)
    {
        var limits = options.Value.RateLimits;
        var permits = new Dictionary<string, int>
        {
            [SubscribePerIp] = limits.SubscribePerIp,
            [SubscribePerAddress] = limits.SubscribePerAddress,
            [WebhooksPerIp] = limits.WebhooksPerIp,
            [WebhooksPerHost] = limits.WebhooksPerHost,
            [TestEventsPerWebhook] = limits.TestEventsPerWebhook,
        };
        _limiter = PartitionedRateLimiter.Create<(string Bucket, string Key), (string, string)>(request => RateLimitPartition.GetFixedWindowLimiter(
            request,
            key => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, permits[key.Item1]), Window = limits.Window, QueueLimit = 0, AutoReplenishment = true }));
    }

    /// <summary>Null when the request may go ahead; otherwise how long the caller should wait.</summary>
    public TimeSpan? Acquire(string bucket, string key)
    {
        using var lease = _limiter.AttemptAcquire((bucket, key.ToLowerInvariant()));
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
    }

    /// <summary>Checks every limit in order and stops at the first one exhausted.</summary>
    public ApiProblem? Check(params (string Bucket, string Key)[] limits)
    {
        foreach (var (bucket, key) in limits)
        {
            if (Acquire(bucket, key) is { } wait)
            {
                return ApiProblem.TooManyRequests(wait);
            }
        }

        return null;
    }

    public void Dispose() => _limiter.Dispose();
}
