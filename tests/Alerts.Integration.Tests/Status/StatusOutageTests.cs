using System.Diagnostics;
using System.Net;
using Alerts.Core.Status;
using Alerts.Integration.Tests.Infrastructure;

namespace Alerts.Integration.Tests.Status;

/// <summary>With storage gone, health, status and the status page answer within their budgets instead of hanging, even under a burst of calls.</summary>
public sealed class StatusOutageTests(ServeFixture serve) : IClassFixture<ServeFixture>
{
    /// <summary>What HTTP, the runner and a busy 2-core machine may add to a server-side budget.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task Health_is_503_status_down_and_the_page_says_so_without_hanging()
    {
        Assert.Equal(HttpStatusCode.OK, (await serve.Http.GetAsync("api/health")).StatusCode);
        await serve.Azurite.DisposeAsync();

        var clock = Stopwatch.StartNew();
        var health = await serve.Http.GetAsync("api/health");
        Assert.True(clock.Elapsed < HealthService.Budget + Slack, $"health took {clock.Elapsed}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);

        clock.Restart();
        var burst = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => serve.Http.GetAsync("api/status")));
        Assert.True(clock.Elapsed < StatusService.Budget + Slack, $"10 status calls took {clock.Elapsed}");
        Assert.All(burst, r => Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode));
        var status = await burst[0].Content.ReadAsStringAsync();
        Assert.Contains("\"status\":\"down\"", status, StringComparison.Ordinal);
        Assert.Contains("storage", status, StringComparison.Ordinal);

        clock.Restart();
        var page = await serve.Http.GetAsync("api/status/page");
        Assert.True(clock.Elapsed < StatusService.Budget + Slack, $"the status page took {clock.Elapsed}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Contains("data-field=\"status\">down<", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
