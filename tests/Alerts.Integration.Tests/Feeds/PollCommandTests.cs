using Alerts.Core.Feeds;
using Alerts.Integration.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Integration.Tests.Feeds;

/// <summary><c>alerts poll --once</c> as a process against a private Azurite and a local feed server.</summary>
public sealed class PollCommandTests(CoreServices core) : IClassFixture<CoreServices>, IAsyncLifetime
{
    private LocalHttpServer _server = null!;

    private Dictionary<string, string> Environment => new()
    {
        ["AzureWebJobsStorage"] = core.Azurite.ConnectionString,
        ["Alerts__SeedSampleFeeds"] = "false",
    };

    public async Task InitializeAsync() => _server = await LocalHttpServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Polls_every_feed_and_prints_a_summary_table()
    {
        _server.Route("/good.xml", context => context.Response.WriteAsync(FeedDocuments.Simple("Command wire", 3)));
        _server.Route("/broken.xml", context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        await using (var services = core.Build())
        {
            var feeds = services.GetRequiredService<FeedStore>();
            await feeds.AddAsync(_server.Url("/good.xml").ToString(), CancellationToken.None);
            await feeds.AddAsync(_server.Url("/broken.xml").ToString(), CancellationToken.None);
        }

        var (exit, output) = await CliProcess.RunAsync(Path.GetTempPath(), Environment, TimeSpan.FromSeconds(60), "poll", "--once");

        Assert.True(exit == 0, output);
        Assert.Contains("Command wire", output, StringComparison.Ordinal);
        Assert.Contains("HTTP 404", output, StringComparison.Ordinal);
        Assert.True(output.Contains("2 feeds polled: 1 fetched, 0 not modified, 1 failed, 0 paused, 0 gone; 3 new items queued.", StringComparison.Ordinal), output);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_storage_it_exits_with_one_line()
    {
        var environment = Environment;
        environment["AzureWebJobsStorage"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
            $"QueueEndpoint=http://127.0.0.1:{FreePort.Next()}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{FreePort.Next()}/devstoreaccount1;";

        var (exit, output) = await CliProcess.RunAsync(Path.GetTempPath(), environment, TimeSpan.FromSeconds(60), "poll", "--once");

        Assert.Equal(1, exit);
        Assert.StartsWith("alerts poll:", output.Trim(), StringComparison.Ordinal);
        Assert.Single(output.Trim().Split('\n'));
    }
}
