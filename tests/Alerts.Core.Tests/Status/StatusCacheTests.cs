using Alerts.Core.Status;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Alerts.Core.Tests.Status;

public class StatusCacheTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
    private readonly Mock<IStatusBuilder> _builder = new();
    private int _builds;

    public StatusCacheTests()
        => _builder.Setup(b => b.BuildAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => Report(Interlocked.Increment(ref _builds)));

    private StatusCache Cache(int seconds = 10)
        => new(_builder.Object, _time, Options.Create(new AlertsOptions { StatusCacheSeconds = seconds }));

    [Fact]
    public async Task Two_calls_within_the_window_build_once_and_see_the_same_report()
    {
        var cache = Cache();

        var first = await cache.GetAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(9));
        var second = await cache.GetAsync(CancellationToken.None);

        Assert.Equal(1, _builds);
        Assert.Same(first, second);
    }

    [Fact]
    public async Task A_call_after_the_window_builds_again()
    {
        var cache = Cache();

        await cache.GetAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(10));
        var later = await cache.GetAsync(CancellationToken.None);

        Assert.Equal(2, _builds);
        Assert.Equal("2", later.Version);
    }

    [Fact]
    public async Task A_storm_of_concurrent_calls_shares_one_build_even_with_no_cache_window()
    {
        var release = new TaskCompletionSource<StatusReport>(TaskCreationOptions.RunContinuationsAsynchronously);
        _builder.Setup(b => b.BuildAsync(It.IsAny<CancellationToken>()))
            .Returns(() =>
            {
                Interlocked.Increment(ref _builds);
                return release.Task;
            });
        var cache = Cache(seconds: 0);

        var calls = Enumerable.Range(0, 50).Select(_ => cache.GetAsync(CancellationToken.None)).ToList();
        await Eventually(() => _builds == 1);
        release.SetResult(Report(1));
        var reports = await Task.WhenAll(calls);

        Assert.Equal(1, _builds);
        Assert.All(reports, r => Assert.Same(reports[0], r));
    }

    [Fact]
    public async Task A_caller_that_gives_up_does_not_cancel_the_build_others_wait_for()
    {
        var release = new TaskCompletionSource<StatusReport>(TaskCreationOptions.RunContinuationsAsynchronously);
        _builder.Setup(b => b.BuildAsync(It.IsAny<CancellationToken>())).Returns(release.Task);
        var cache = Cache();
        using var impatient = new CancellationTokenSource();

        var first = cache.GetAsync(impatient.Token);
        var second = cache.GetAsync(CancellationToken.None);
        await impatient.CancelAsync();
        release.SetResult(Report(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Equal("1", (await second).Version);
    }

    [Fact]
    public async Task A_failed_build_is_not_kept()
    {
        var calls = 0;
        _builder.Setup(b => b.BuildAsync(It.IsAny<CancellationToken>()))
            .Returns(() => ++calls == 1 ? Task.FromException<StatusReport>(new InvalidOperationException("boom")) : Task.FromResult(Report(calls)));
        var cache = Cache();

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetAsync(CancellationToken.None));
        var report = await cache.GetAsync(CancellationToken.None);

        Assert.Equal("2", report.Version);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    /// <summary>A report whose version tells which build made it.</summary>
    internal static StatusReport Report(int build)
        => new(
            OverallStatus.Ok, build.ToString(System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UnixEpoch, [], new FeedsStatus(0, 0, 0, 0, [], []),
            new Dictionary<string, QueueStatus>(), new Dictionary<string, RunStatus>(), new Dictionary<string, long>(),
            new SubscribersStatus(new EmailSubscribersStatus(0, 0), new WebhookSubscribersStatus(0, 0, 0)), new DeliveriesStatus(0, 0, 0, 0), []);
}
