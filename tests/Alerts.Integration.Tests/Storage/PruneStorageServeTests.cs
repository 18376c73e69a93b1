using System.Net;
using System.Text.Json;
using Alerts.Integration.Tests.Infrastructure;

namespace Alerts.Integration.Tests.Storage;

/// <summary>The PruneStorage timer in <c>alerts serve</c>: found without registration, run like the other timers, listed in status.</summary>
public sealed class PruneStorageServeTests(ServeFixture serve) : IClassFixture<ServeFixture>
{
    [Fact]
    public async Task The_timer_runs_at_a_fresh_start_and_on_demand_and_status_lists_its_runs()
    {
        // A timer that never ran is past due at start, as PollFeeds is.
        var first = await SucceededAsync(after: null);

        Assert.Equal(HttpStatusCode.Accepted, (await serve.RunFunctionAsync("PruneStorage")).StatusCode);
        var second = await SucceededAsync(after: first.GetProperty("lastStart").GetDateTimeOffset());

        // Everything serve wrote was just written: nothing is past its retention.
        Assert.Equal(0, second.GetProperty("itemsNew").GetInt32());
        Assert.True(second.GetProperty("lastEnd").GetDateTimeOffset() >= second.GetProperty("lastStart").GetDateTimeOffset());
        Assert.Equal("ok", (await serve.StatusAsync()).GetProperty("status").GetString());
    }

    private async Task<JsonElement> SucceededAsync(DateTimeOffset? after)
    {
        JsonElement run = default;
        await Eventually.Async(
            async () =>
            {
                var runs = (await serve.StatusAsync()).GetProperty("runs");
                return runs.TryGetProperty("PruneStorage", out run)
                    && run.GetProperty("outcome").GetString() == "succeeded"
                    && (after is null || run.GetProperty("lastStart").GetDateTimeOffset() > after);
            },
            TimeSpan.FromSeconds(60),
            () => "PruneStorage did not succeed:\n" + serve.ServeOutput);
        return run;
    }
}
