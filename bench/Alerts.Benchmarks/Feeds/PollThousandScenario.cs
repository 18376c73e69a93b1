using System.Diagnostics;
using System.Globalization;
using System.Security;
using System.Text;
using Alerts.Core;
using Alerts.Core.Feeds;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alerts.Benchmarks.Feeds;

/// <summary>
/// PollFeeds over N feeds (default 1,000) served by Kestrel on 127.0.0.1, storage in Azurite. A first poll
/// downloads everything; the measured poll is the steady state: half the feeds answer 304, the other half answer
/// 200 with their items again plus one new one. Reports wall time of both polls and peak memory.
/// </summary>
public sealed class PollThousandScenario : IScenario
{
    public string Name => "poll-1000";

    public string Description => "poll 1,000 local feeds (half 304) through Azurite: wall time, peak memory [--feeds N] [--items N] [--storage CONN]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var feedCount = ScenarioSupport.Option(args, "--feeds", 1000);
        var itemsPerFeed = ScenarioSupport.Option(args, "--items", 10);
        var storage = ScenarioSupport.Option(args, "--storage");

        await using var azurite = storage is null ? await BenchAzurite.StartAsync(cancellationToken) : null;
        var round = 0;
        await using var server = await StartServerAsync(itemsPerFeed, () => Volatile.Read(ref round));
        var baseUrl = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        await using var services = BuildServices(storage ?? azurite!.ConnectionString);
        var feeds = services.GetRequiredService<FeedStore>();
        await Parallel.ForAsync(0, feedCount, cancellationToken, async (i, ct) => await feeds.AddAsync($"{baseUrl}/feed/{i}", ct));
        var polling = services.GetRequiredService<PollFeedsService>();

        var cold = Stopwatch.StartNew();
        var first = await polling.PollAsync(dueOnly: true, null, cancellationToken);
        cold.Stop();

        Interlocked.Increment(ref round);
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var steady = Stopwatch.StartNew();
        var second = await polling.PollAsync(dueOnly: true, null, cancellationToken);
        steady.Stop();
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"poll-1000: {feedCount} feeds, {itemsPerFeed} items each, MaxConcurrentPolls {services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AlertsOptions>>().Value.MaxConcurrentPolls}, {Environment.ProcessorCount} cores"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  first poll (all 200, every item new): {cold.Elapsed.TotalSeconds:0.00} s, {first.Sum(r => r.ItemsNew)} items queued, {Failed(first)} failed"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  steady poll (half 304, half 200 with one new item): {steady.Elapsed.TotalSeconds:0.00} s, {second.Count(r => r.Outcome == FeedPollOutcome.NotModified)} not modified, {second.Sum(r => r.ItemsNew)} items queued, {Failed(second)} failed, {allocated / 1024.0 / 1024.0:0} MB allocated"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  peak working set of the process (poller and feed server): {process.PeakWorkingSet64 / 1024.0 / 1024.0:0} MB"));

        var ok = Failed(first) == 0 && Failed(second) == 0 && second.Count == feedCount;
        if (!ok)
        {
            Console.Error.WriteLine("poll-1000: some polls failed: " + string.Join("; ", second.Where(r => r.Feed.LastError is not null).Take(3).Select(r => r.Feed.LastError)));
        }

        return ok ? 0 : 1;
    }

    private static int Failed(IEnumerable<FeedPollResult> results) => results.Count(r => r.Outcome is FeedPollOutcome.Failed or FeedPollOutcome.Paused);

    private static ServiceProvider BuildServices(string connectionString) => ScenarioSupport.Services(new Dictionary<string, string?>
    {
        ["AzureWebJobsStorage"] = connectionString,
        ["Alerts:AllowPrivateFeedAddresses"] = "true",
    });

    /// <summary>Feed i answers 304 from the second round on when i is even; odd feeds add one item per round.</summary>
    private static async Task<WebApplication> StartServerAsync(int itemsPerFeed, Func<int> round)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/feed/{id:int}", async (HttpContext context, int id) =>
        {
            var current = round();
            var etag = $"\"{id}-{(id % 2 == 0 ? 0 : current)}\"";
            if (context.Request.Headers.IfNoneMatch == etag)
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }

            context.Response.Headers.ETag = etag;
            context.Response.ContentType = "application/rss+xml";
            await context.Response.WriteAsync(Document(id, itemsPerFeed + (id % 2 == 0 ? 0 : current)));
        });
        await app.StartAsync();
        return app;
    }

    private static string Document(int feed, int items)
    {
        var xml = new StringBuilder($"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Bench feed {feed}</title><link>https://bench.example/{feed}</link>");
        for (var i = items - 1; i >= 0; i--)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<item><title>{SecurityElement.Escape($"Feed {feed} reports tariff move number {i} on goods")}</title>")
                .Append(CultureInfo.InvariantCulture, $"<link>https://bench.example/{feed}/story/{i}?utm_source=rss</link><guid>bench-{feed}-{i}</guid>")
                .Append("<pubDate>Sat, 28 Nov 2026 10:00:00 GMT</pubDate><description>Duties on widgets and gadgets change again; officials explain the schedule.</description></item>");
        }

        return xml.Append("</channel></rss>").ToString();
    }
}
