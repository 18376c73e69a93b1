using Alerts.Core.Feeds;
using Alerts.Core.Storage;
using Alerts.Integration.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Integration.Tests.Feeds;

/// <summary>PollFeeds against a real HTTP feed server on 127.0.0.1 and Azurite.</summary>
public sealed class PollFeedsTests(CoreServices core) : IClassFixture<CoreServices>, IAsyncLifetime
{
    private const string Rss = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>Test wire</title><link>http://example.org/</link>
        <item><title>US raises tariffs on steel to 50%</title><link>https://www.example.org/a?utm_source=x</link><guid isPermaLink="false">a-1</guid><description>Duties double.</description></item>
        <item><title>Talks on rare earth export controls resume</title><link>https://example.org/b</link><guid isPermaLink="false">b-1</guid><description>Licences.</description></item>
        <item><title>Same story as the first, syndicated</title><link>http://example.org/a#top</link><guid isPermaLink="false">other-guid</guid><description>Copy.</description></item>
        </channel></rss>
        """;

    private LocalHttpServer _server = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _server = await LocalHttpServer.StartAsync();
        _services = core.Build(new Dictionary<string, string?> { ["Alerts:AllowPrivateFeedAddresses"] = "true" });
        var storage = _services.GetRequiredService<AlertsStorage>();
        foreach (var name in new[] { StorageNames.FeedsTable, StorageNames.SeenItemsTable })
        {
            await storage.TableService.DeleteTableAsync(name);
        }

        await storage.QueueService.GetQueueClient(StorageNames.NewsItemsQueue).DeleteIfExistsAsync();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Each_distinct_story_is_enqueued_once_and_an_unchanged_feed_is_not_downloaded_again()
    {
        _server.Route("/feed.xml", async context =>
        {
            const string etag = "\"v1\"";
            if (context.Request.Headers.IfNoneMatch == etag)
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }

            context.Response.Headers.ETag = etag;
            context.Response.ContentType = "application/rss+xml";
            await context.Response.WriteAsync(Rss);
        });
        await _services.GetRequiredService<FeedStore>().AddAsync(_server.Url("feed.xml").ToString(), CancellationToken.None);
        var polling = _services.GetRequiredService<PollFeedsService>();

        Assert.Equal(2, await polling.PollAsync(CancellationToken.None));
        Assert.Equal(0, await polling.PollAsync(CancellationToken.None));

        var queue = await _services.GetRequiredService<AlertsStorage>().QueueAsync(StorageNames.NewsItemsQueue);
        var messages = (await queue.ReceiveMessagesAsync(32)).Value.Select(m => QueueMessages.Parse<NewsItemMessage>(m.MessageText)).ToList();
        Assert.Equal(["Talks on rare earth export controls resume", "US raises tariffs on steel to 50%"], messages.Select(m => m.Title).Order());
        Assert.All(messages, m => Assert.Equal(NewsItemMessage.CurrentSchema, m.Schema));

        var feedRequests = _server.Requests.Where(r => r.Path == "/feed.xml").ToList();
        Assert.Equal(2, feedRequests.Count);
        Assert.Equal("\"v1\"", feedRequests[1].Headers["If-None-Match"]);
        Assert.StartsWith("Alerts/", feedRequests[0].Headers["User-Agent"], StringComparison.Ordinal);

        var feed = Assert.Single(await _services.GetRequiredService<FeedStore>().ListAsync(CancellationToken.None));
        Assert.Equal("Test wire", feed.Title);
        Assert.Equal(0, feed.ConsecutiveFailures);
        Assert.NotNull(feed.LastSuccess);
    }

    [Theory]
    [InlineData("server-error", "HTTP 500")]
    [InlineData("billion-laughs", "DTD")]
    [InlineData("html-page", "looks like an HTML page")]
    public async Task A_failing_feed_is_recorded_in_feed_health_and_does_not_stop_the_others(string kind, string expectedError)
    {
        _server.Route("/bad", async context =>
        {
            switch (kind)
            {
                case "server-error":
                    context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                    break;
                case "billion-laughs":
                    await context.Response.WriteAsync("""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><rss version="2.0"><channel><title>&lol2;</title></channel></rss>""");
                    break;
                default:
                    await context.Response.WriteAsync("<html><body><h1>Welcome</h1></body></html>");
                    break;
            }
        });
        _server.Route("/good", context => context.Response.WriteAsync(Rss));
        var feeds = _services.GetRequiredService<FeedStore>();
        await feeds.AddAsync(_server.Url("bad").ToString(), CancellationToken.None);
        await feeds.AddAsync(_server.Url("good").ToString(), CancellationToken.None);

        var enqueued = await _services.GetRequiredService<PollFeedsService>().PollAsync(CancellationToken.None);
        // The failure backed the feed off; poll it again regardless, as `alerts poll --once` does.
        await _services.GetRequiredService<PollFeedsService>().PollAsync(dueOnly: false, null, CancellationToken.None);

        Assert.Equal(2, enqueued);
        var rows = await feeds.ListAsync(CancellationToken.None);
        var bad = rows.Single(f => f.Url.EndsWith("/bad", StringComparison.Ordinal));
        Assert.Equal(2, bad.ConsecutiveFailures);
        Assert.Contains(expectedError, bad.LastError, StringComparison.Ordinal);
        Assert.Null(bad.LastSuccess);
        Assert.Equal(0, rows.Single(f => f.Url.EndsWith("/good", StringComparison.Ordinal)).ConsecutiveFailures);
    }
}
