using Alerts.Core.Subscriptions;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Tests.Subscriptions;

public sealed class AbuseLimitsTests
{
    [Fact]
    public void Requests_beyond_the_limit_are_refused_with_a_wait()
    {
        using var limits = Limits(perAddress: 2);

        Assert.Null(limits.Acquire(AbuseLimits.SubscribePerAddress, "a@example.com"));
        Assert.Null(limits.Acquire(AbuseLimits.SubscribePerAddress, "a@example.com"));
        var wait = limits.Acquire(AbuseLimits.SubscribePerAddress, "A@EXAMPLE.COM");

        Assert.NotNull(wait);
        Assert.InRange(wait.Value, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
    }

    [Fact]
    public void Keys_and_buckets_are_counted_apart()
    {
        using var limits = Limits(perAddress: 1);

        Assert.Null(limits.Acquire(AbuseLimits.SubscribePerAddress, "a@example.com"));
        Assert.Null(limits.Acquire(AbuseLimits.SubscribePerAddress, "b@example.com"));
        Assert.Null(limits.Acquire(AbuseLimits.SubscribePerIp, "a@example.com"));
        Assert.NotNull(limits.Acquire(AbuseLimits.SubscribePerAddress, "a@example.com"));
    }

    [Fact]
    public void Check_answers_429_with_retry_after_for_the_first_exhausted_limit()
    {
        using var limits = Limits(perAddress: 1);
        Assert.Null(limits.Check((AbuseLimits.SubscribePerIp, "192.0.2.1"), (AbuseLimits.SubscribePerAddress, "a@example.com")));

        var problem = limits.Check((AbuseLimits.SubscribePerIp, "192.0.2.1"), (AbuseLimits.SubscribePerAddress, "a@example.com"));

        Assert.Equal(429, problem!.Status);
        Assert.NotNull(problem.RetryAfter);
    }

    private static AbuseLimits Limits(int perAddress)
        => new(Options.Create(new AlertsOptions { RateLimits = new RateLimitOptions { SubscribePerAddress = perAddress } }));
}
