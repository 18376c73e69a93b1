using Alerts.Core.Feeds;
using Alerts.Integration.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Integration.Tests.Feeds;

/// <summary>With the default settings (as on Azure) a feed URL cannot reach loopback or private addresses, even through a redirect.</summary>
public sealed class FeedAddressGuardTests(CoreServices core) : IClassFixture<CoreServices>, IAsyncLifetime
{
    private LocalHttpServer _server = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _server = await LocalHttpServer.StartAsync();
        _server.Route("/internal", context => context.Response.WriteAsync(FeedDocuments.Simple("Internal")));
        _services = core.Build();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData("loopback")]
    [InlineData("localhost")]
    public async Task Adding_a_feed_on_a_private_address_is_refused_without_a_request(string form)
    {
        var url = form == "loopback" ? _server.Url("/internal").ToString() : $"http://localhost:{_server.BaseUrl.Port}/internal";

        var result = await _services.GetRequiredService<FeedManagement>().AddAsync(url, CancellationToken.None);

        Assert.Null(result.Feed);
        Assert.Contains("which feeds may not use", result.Error, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Polling_a_stored_private_feed_fails_with_the_reason_in_feed_health()
    {
        var feeds = _services.GetRequiredService<FeedStore>();
        await feeds.AddAsync("http://169.254.169.254/latest/meta-data/", CancellationToken.None);

        var result = Assert.Single(await _services.GetRequiredService<PollFeedsService>().PollAsync(dueOnly: false, null, CancellationToken.None));

        Assert.Equal(FeedPollOutcome.Failed, result.Outcome);
        Assert.Contains("169.254.169.254 resolves to a link-local address", result.Feed.LastError, StringComparison.Ordinal);
    }
}
