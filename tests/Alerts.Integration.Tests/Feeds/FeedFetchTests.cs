using System.IO.Compression;
using System.Text;
using Alerts.Core.Feeds;
using Alerts.Core.Storage;
using Alerts.Integration.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Integration.Tests.Feeds;

/// <summary>
/// Polling against a real feed server on 127.0.0.1 that answers every way publishers do (304, redirects, 410,
/// 429/503 with Retry-After, slow, oversized, gzip, garbage), with feed health stored in Azurite.
/// </summary>
public sealed class FeedFetchTests(CoreServices core) : IClassFixture<CoreServices>, IAsyncLifetime
{
    private LocalHttpServer _server = null!;
    private ServiceProvider _services = null!;

    private FeedStore Feeds => _services.GetRequiredService<FeedStore>();

    private PollFeedsService Polling => _services.GetRequiredService<PollFeedsService>();

    public async Task InitializeAsync()
    {
        _server = await LocalHttpServer.StartAsync();
        _services = core.Build(new Dictionary<string, string?>
        {
            ["Alerts:AllowPrivateFeedAddresses"] = "true",
            ["Alerts:FeedTimeBudget"] = "00:00:03",
            ["Alerts:FeedPauseAfterFailures"] = "3",
        });
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
    public async Task Last_modified_is_sent_back_and_a_304_keeps_the_validators()
    {
        const string lastModified = "Sat, 28 Nov 2026 10:00:00 GMT";
        _server.Route("/feed", async context =>
        {
            if (context.Request.Headers.IfModifiedSince == lastModified)
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }

            context.Response.Headers.LastModified = lastModified;
            await context.Response.WriteAsync(FeedDocuments.Simple("Modified"));
        });
        var feed = await AddAsync("/feed");

        var first = await PollAllAsync();
        var second = await PollAllAsync();

        Assert.Equal(FeedPollOutcome.Fetched, Assert.Single(first).Outcome);
        Assert.Equal(FeedPollOutcome.NotModified, Assert.Single(second).Outcome);
        var stored = await Feeds.GetAsync(feed.RowKey, CancellationToken.None);
        Assert.Equal(lastModified, stored!.LastModified);
        Assert.Equal(304, stored.LastStatus);
        Assert.Equal(0, stored.ConsecutiveFailures);
    }

    [Theory]
    [InlineData(301, true)]
    [InlineData(308, true)]
    [InlineData(302, false)]
    [InlineData(307, false)]
    public async Task Permanent_redirects_update_the_stored_url_and_temporary_ones_do_not(int status, bool updates)
    {
        _server.Route("/old", context => Redirect(context, status, "/new"));
        _server.Route("/new", context => context.Response.WriteAsync(FeedDocuments.Simple("Moved")));
        var feed = await AddAsync("/old");

        var result = Assert.Single(await PollAllAsync());

        Assert.Equal(FeedPollOutcome.Fetched, result.Outcome);
        Assert.Equal(2, result.ItemsNew);
        var stored = await Feeds.GetAsync(feed.RowKey, CancellationToken.None);
        Assert.Equal(updates ? _server.Url("/new").ToString() : _server.Url("/old").ToString(), stored!.Url);
        Assert.Equal(updates ? _server.Url("/old").ToString() : null, stored.OriginalUrl);
    }

    [Fact]
    public async Task A_temporary_hop_after_a_permanent_one_keeps_the_permanent_target()
    {
        _server.Route("/a", context => Redirect(context, 301, "/b"));
        _server.Route("/b", context => Redirect(context, 302, "/c"));
        _server.Route("/c", context => context.Response.WriteAsync(FeedDocuments.Simple("Chain")));
        var feed = await AddAsync("/a");

        await PollAllAsync();

        Assert.Equal(_server.Url("/b").ToString(), (await Feeds.GetAsync(feed.RowKey, CancellationToken.None))!.Url);
    }

    [Fact]
    public async Task More_than_five_redirects_fail_the_poll()
    {
        for (var i = 0; i < 7; i++)
        {
            var next = $"/hop{i + 1}";
            _server.Route($"/hop{i}", context => Redirect(context, 302, next));
        }

        _server.Route("/hop7", context => context.Response.WriteAsync(FeedDocuments.Simple("Far")));
        var feed = await AddAsync("/hop0");

        var result = Assert.Single(await PollAllAsync());

        Assert.Equal(FeedPollOutcome.Failed, result.Outcome);
        Assert.Contains("More than 5 redirects", result.Feed.LastError, StringComparison.Ordinal);
        Assert.Equal(6, _server.Requests.Count(r => r.Path.StartsWith("/hop", StringComparison.Ordinal)));
        Assert.Equal(1, (await Feeds.GetAsync(feed.RowKey, CancellationToken.None))!.ConsecutiveFailures);
    }

    [Fact]
    public async Task Gone_retires_the_feed_and_it_is_not_requested_again()
    {
        _server.Route("/gone", context =>
        {
            context.Response.StatusCode = StatusCodes.Status410Gone;
            return Task.CompletedTask;
        });
        var feed = await AddAsync("/gone");

        Assert.Equal(FeedPollOutcome.Gone, Assert.Single(await PollAllAsync()).Outcome);
        Assert.Empty(await PollAllAsync());

        var stored = (await Feeds.GetAsync(feed.RowKey, CancellationToken.None))!;
        Assert.True(stored.Gone);
        Assert.Contains("410", stored.PausedReason, StringComparison.Ordinal);
        Assert.Single(_server.Requests, r => r.Path == "/gone");
    }

    [Theory]
    [InlineData(429, "delta")]
    [InlineData(503, "delta")]
    [InlineData(429, "date")]
    public async Task Rate_limits_set_the_next_poll_from_retry_after_without_retrying_now(int status, string form)
    {
        var retryAt = DateTimeOffset.UtcNow.AddHours(3);
        _server.Route("/busy", context =>
        {
            context.Response.StatusCode = status;
            context.Response.Headers.RetryAfter = form == "delta" ? "10800" : retryAt.ToString("R");
            return Task.CompletedTask;
        });
        var feed = await AddAsync("/busy");

        var result = Assert.Single(await PollAllAsync());

        Assert.Equal(FeedPollOutcome.Failed, result.Outcome);
        Assert.Single(_server.Requests, r => r.Path == "/busy");
        var stored = (await Feeds.GetAsync(feed.RowKey, CancellationToken.None))!;
        Assert.Equal(status, stored.LastStatus);
        Assert.Contains($"HTTP {status}", stored.LastError, StringComparison.Ordinal);
        Assert.InRange(stored.NextPoll!.Value, retryAt.AddMinutes(-1), retryAt.AddMinutes(1));
        Assert.Empty(await Polling.PollAsync(dueOnly: true, null, CancellationToken.None));
    }

    [Fact]
    public async Task A_server_error_backs_off_and_repeated_failures_pause_the_feed_with_the_reason()
    {
        _server.Route("/broken", context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        var feed = await AddAsync("/broken");

        var first = Assert.Single(await PollAllAsync());
        Assert.InRange(first.Feed.NextPoll!.Value - first.Feed.LastPoll!.Value, TimeSpan.FromMinutes(4.9), TimeSpan.FromMinutes(5.1));
        await PollAllAsync();
        var third = Assert.Single(await PollAllAsync());
        Assert.Empty(await PollAllAsync());

        Assert.Equal(FeedPollOutcome.Paused, third.Outcome);
        var stored = (await Feeds.GetAsync(feed.RowKey, CancellationToken.None))!;
        Assert.True(stored.Paused);
        Assert.Equal(3, stored.ConsecutiveFailures);
        Assert.Contains("Paused after 3 failed polls in a row; last error: HTTP 404", stored.PausedReason, StringComparison.Ordinal);
        Assert.InRange(stored.NextPoll!.Value - stored.LastPoll!.Value, TimeSpan.FromMinutes(19.9), TimeSpan.FromMinutes(20.1));
    }

    [Fact]
    public async Task Gzip_bodies_are_decompressed_and_every_encoding_is_offered()
    {
        _server.Route("/gzip", async context =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            context.Response.ContentType = "application/rss+xml";
            using var buffer = new MemoryStream();
            await using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            {
                await gzip.WriteAsync(Encoding.UTF8.GetBytes(FeedDocuments.Simple("Zipped", 3)));
            }

            await context.Response.Body.WriteAsync(buffer.ToArray());
        });
        await AddAsync("/gzip");

        var result = Assert.Single(await PollAllAsync());

        Assert.Equal(FeedPollOutcome.Fetched, result.Outcome);
        Assert.Equal(3, result.ItemsNew);
        var accept = _server.Requests.Single(r => r.Path == "/gzip").Headers["Accept-Encoding"];
        Assert.Contains("gzip", accept, StringComparison.Ordinal);
        Assert.Contains("deflate", accept, StringComparison.Ordinal);
        Assert.Contains("br", accept, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Hostile => new()
    {
        { "endless-stream", "larger than the limit of 10,485,760 bytes" },
        { "declared-too-large", "larger than the limit of 10,485,760 bytes" },
        { "gzip-bomb", "larger than the limit of 10,485,760 bytes" },
        { "slow-body", "longer than its time budget of 3 s" },
        { "binary-garbage", "not a feed" },
        { "empty-body", "Empty response body" },
        { "html-page", "looks like an HTML page" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Hostile_answers_fail_only_their_feed_with_a_clear_error(string kind, string expected)
    {
        _server.Route("/hostile", context => HostileAsync(context, kind));
        _server.Route("/good", context => context.Response.WriteAsync(FeedDocuments.Simple("Good")));
        var hostile = await AddAsync("/hostile");
        await AddAsync("/good");

        var results = await PollAllAsync();

        Assert.Equal(FeedPollOutcome.Fetched, results.Single(r => r.Feed.RowKey != hostile.RowKey).Outcome);
        var stored = (await Feeds.GetAsync(hostile.RowKey, CancellationToken.None))!;
        Assert.Equal(1, stored.ConsecutiveFailures);
        Assert.Contains(expected, stored.LastError, StringComparison.Ordinal);
        Assert.NotNull(stored.NextPoll);
    }

    private static async Task HostileAsync(HttpContext context, string kind)
    {
        var abort = context.RequestAborted;
        switch (kind)
        {
            case "endless-stream":
                // 100 MB of well-formed-looking XML, no Content-Length: only counting stops it.
                var chunk = Encoding.UTF8.GetBytes("<item><title>" + new string('x', 64 * 1024) + "</title></item>");
                await context.Response.WriteAsync("<rss version=\"2.0\"><channel>", abort);
                for (long sent = 0; sent < 100L * 1024 * 1024 && !abort.IsCancellationRequested; sent += chunk.Length)
                {
                    await context.Response.Body.WriteAsync(chunk, abort);
                }

                break;
            case "declared-too-large":
                context.Response.ContentLength = 100L * 1024 * 1024;
                await context.Response.Body.FlushAsync(abort);
                break;
            case "gzip-bomb":
                context.Response.Headers.ContentEncoding = "gzip";
                using (var buffer = new MemoryStream())
                {
                    await using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
                    {
                        var zeros = new byte[1024 * 1024];
                        for (var i = 0; i < 64; i++)
                        {
                            await gzip.WriteAsync(zeros, abort);
                        }
                    }

                    await context.Response.Body.WriteAsync(buffer.ToArray(), abort);
                }

                break;
            case "slow-body":
                await context.Response.WriteAsync("<rss version=\"2.0\"><channel><title>Slow", abort);
                await context.Response.Body.FlushAsync(abort);
                await Task.Delay(TimeSpan.FromSeconds(30), abort);
                break;
            case "binary-garbage":
                var garbage = new byte[4096];
                new Random(42).NextBytes(garbage);
                context.Response.ContentType = "application/octet-stream";
                await context.Response.Body.WriteAsync(garbage, abort);
                break;
            case "empty-body":
                break;
            default:
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<!DOCTYPE html><html><head><title>Welcome</title></head><body><h1>Not a feed</h1></body></html>", abort);
                break;
        }
    }

    private static Task Redirect(HttpContext context, int status, string location)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    }

    private async Task<FeedEntity> AddAsync(string path)
    {
        var url = _server.Url(path).ToString();
        await Feeds.AddAsync(url, CancellationToken.None);
        return (await Feeds.GetAsync(FeedStore.FeedId(url), CancellationToken.None))!;
    }

    /// <summary>Every active feed, due or not, as <c>alerts poll --once</c> does.</summary>
    private Task<IReadOnlyList<FeedPollResult>> PollAllAsync() => Polling.PollAsync(dueOnly: false, null, CancellationToken.None);
}
