using System.Text.RegularExpressions;
using Alerts.Core.Feeds;
using Alerts.Core.Storage;
using Alerts.Integration.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Integration.Tests.Feeds;

/// <summary>
/// A feed that republishes 100 times, changing GUIDs, scheme, <c>www.</c>, tracking parameters, title punctuation
/// and now and then the whole link, plus a second site syndicating some stories: exactly the distinct stories reach
/// <c>news-items</c>.
/// </summary>
public sealed partial class ChurnTests(CoreServices core) : IClassFixture<CoreServices>, IAsyncLifetime
{
    private const int Republishes = 100;
    private const int Stories = 25;

    private LocalHttpServer _server = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _server = await LocalHttpServer.StartAsync();
        _services = core.Build(new Dictionary<string, string?> { ["Alerts:AllowPrivateFeedAddresses"] = "true" });
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Exactly_the_distinct_stories_reach_news_items()
    {
        var version = 0;
        _server.Route("/churn", context => context.Response.WriteAsync(FeedDocuments.Rss("Churning wire", Version(Volatile.Read(ref version)))));
        _server.Route("/syndicated", context => context.Response.WriteAsync(FeedDocuments.Rss(
            "Syndicator",
            Enumerable.Range(0, 5).Select(s => new FeedDocuments.Story(Title(s, 1), $"https://other.example.net/copy/{s}", $"copy-{s}")))));
        var feeds = _services.GetRequiredService<FeedStore>();
        await feeds.AddAsync(_server.Url("/churn").ToString(), CancellationToken.None);
        await feeds.AddAsync(_server.Url("/syndicated").ToString(), CancellationToken.None);
        var polling = _services.GetRequiredService<PollFeedsService>();

        var enqueued = 0;
        for (; version < Republishes; version++)
        {
            var results = await polling.PollAsync(dueOnly: false, null, CancellationToken.None);
            Assert.All(results, r => Assert.Null(r.Feed.LastError));
            enqueued += results.Sum(r => r.ItemsNew);
        }

        var messages = await DrainAsync();
        Assert.Equal(Stories, enqueued);
        Assert.Equal(Stories, messages.Count);
        Assert.Equal(Enumerable.Range(0, Stories), messages.Select(m => int.Parse(StoryNumber().Match(m.Title).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Order());
        Assert.Equal(Stories, messages.Select(m => m.ItemKey).Distinct().Count());
    }

    /// <summary>Version v carries stories 0 .. v/4 (at most the latest 20), each dressed differently every time.</summary>
    private static IEnumerable<FeedDocuments.Story> Version(int v)
    {
        var newest = Math.Min(v / 4, Stories - 1);
        for (var s = Math.Max(0, newest - 19); s <= newest; s++)
        {
            var link = ((v + s) % 5) switch
            {
                0 => $"https://www.example.org/news/{s}?utm_source=rss&utm_campaign=c{v}",
                1 => $"http://example.org/news/{s}",
                2 => $"https://example.org/news/{s}/?fbclid=x{v}",
                3 => $"http://www.example.org/news/{s}#comments",
                // The publisher moved the story to a new path: only the title ties it to the first copy.
                _ => $"https://example.org/amp/{v}/news-{s}",
            };
            yield return new FeedDocuments.Story(Title(s, v), link, $"urn:uuid:{Guid.NewGuid()}");
        }
    }

    private static string Title(int story, int variant) => variant % 2 == 0
        ? $"Story {story}: tariff ruling on imported widgets"
        : $"STORY {story} — Tariff ruling on imported widgets!";

    private async Task<List<NewsItemMessage>> DrainAsync()
    {
        var queue = await _services.GetRequiredService<AlertsStorage>().QueueAsync(StorageNames.NewsItemsQueue);
        var messages = new List<NewsItemMessage>();
        while (true)
        {
            var batch = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value;
            if (batch.Length == 0)
            {
                return messages;
            }

            messages.AddRange(batch.Select(m => QueueMessages.Parse<NewsItemMessage>(m.MessageText)));
        }
    }

    [GeneratedRegex(@"(?i)story (\d+)")]
    private static partial Regex StoryNumber();
}
