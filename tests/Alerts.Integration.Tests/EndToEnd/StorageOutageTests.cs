using System.Diagnostics;
using System.Net;
using Alerts.Integration.Tests.Infrastructure;

namespace Alerts.Integration.Tests.EndToEnd;

/// <summary>When storage goes away under a running <c>alerts serve</c>, health and status say so quickly instead of hanging.</summary>
public sealed class StorageOutageTests(ServeFixture serve) : IClassFixture<ServeFixture>
{
    [Fact]
    public async Task Health_answers_503_and_status_down_within_a_few_seconds_when_azurite_stops()
    {
        Assert.Equal(HttpStatusCode.OK, (await serve.Http.GetAsync("api/health")).StatusCode);

        await serve.Azurite.DisposeAsync();

        var clock = Stopwatch.StartNew();
        var health = await serve.Http.GetAsync("api/health");
        var healthTime = clock.Elapsed;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains("unhealthy", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(healthTime < TimeSpan.FromSeconds(10), $"health took {healthTime}");

        var status = await serve.Http.GetAsync("api/status");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status.StatusCode);
        Assert.Contains("\"status\":\"down\"", await status.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
