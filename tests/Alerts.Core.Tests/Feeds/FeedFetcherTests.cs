using System.Net;
using System.Text;
using Alerts.Core.Feeds;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Alerts.Core.Tests.Feeds;

/// <summary>The fetcher's decisions on scripted answers, with time under the test's control.</summary>
public class FeedFetcherTests
{
    private const string Rss = """<rss version="2.0"><channel><title>Wire</title><item><title>One</title><link>https://example.org/1</link></item></channel></rss>""";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
    private readonly Dictionary<string, Func<HttpResponseMessage>> _answers = new(StringComparer.Ordinal);

    private static FeedEntity Feed(string url = "https://example.org/feed") => new() { RowKey = "f", Url = url };

    [Fact]
    public async Task Permanent_hops_give_the_new_url_and_a_temporary_hop_ends_the_permanent_part()
    {
        Answer("https://example.org/feed", () => Redirect(HttpStatusCode.MovedPermanently, "/feed2"));
        Answer("https://example.org/feed2", () => Redirect(HttpStatusCode.PermanentRedirect, "https://feeds.example.net/f"));
        Answer("https://feeds.example.net/f", () => Redirect(HttpStatusCode.Found, "/tmp"));
        Answer("https://feeds.example.net/tmp", () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Rss) });

        var result = await Fetcher().FetchAsync(Feed(), CancellationToken.None);

        Assert.Equal(FetchOutcome.Fetched, result.Outcome);
        Assert.Equal(new Uri("https://feeds.example.net/f"), result.MovedTo);
        Assert.Equal("Wire", result.Feed!.Title);
    }

    [Fact]
    public async Task A_redirect_to_another_scheme_is_refused()
    {
        Answer("https://example.org/feed", () => Redirect(HttpStatusCode.MovedPermanently, "file:///etc/passwd"));

        var error = await Assert.ThrowsAsync<FeedFetchException>(() => Fetcher().FetchAsync(Feed(), CancellationToken.None));

        Assert.Contains("Redirect to a file URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_after_as_seconds_counts_from_now()
    {
        Answer("https://example.org/feed", () =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(90));
            return response;
        });

        var error = await Assert.ThrowsAsync<FeedFetchException>(() => Fetcher().FetchAsync(Feed(), CancellationToken.None));

        Assert.Equal(_time.GetUtcNow().AddSeconds(90), error.RetryAt);
        Assert.Equal(429, error.Status);
    }

    [Fact]
    public async Task Retry_after_as_a_date_is_taken_as_is_and_ignored_on_other_errors()
    {
        var date = new DateTimeOffset(2026, 11, 29, 11, 0, 0, TimeSpan.Zero);
        Answer("https://example.org/feed", () =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(date);
            return response;
        });
        Answer("https://example.org/other", () =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.NotFound);
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(date);
            return response;
        });

        Assert.Equal(date, (await Assert.ThrowsAsync<FeedFetchException>(() => Fetcher().FetchAsync(Feed(), CancellationToken.None))).RetryAt);
        Assert.Null((await Assert.ThrowsAsync<FeedFetchException>(() => Fetcher().FetchAsync(Feed("https://example.org/other"), CancellationToken.None))).RetryAt);
    }

    [Fact]
    public async Task A_body_that_never_ends_is_cut_off_at_the_time_budget()
    {
        var stalled = new StalledStream();
        Answer("https://example.org/feed", () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(stalled) });

        var fetch = Fetcher().FetchAsync(Feed(), CancellationToken.None);
        await stalled.Reading.Task.WaitAsync(TimeSpan.FromSeconds(10));
        _time.Advance(TimeSpan.FromSeconds(31));
        var error = await Assert.ThrowsAsync<FeedFetchException>(() => fetch);

        Assert.Equal("Feed took longer than its time budget of 30 s.", error.Message);
    }

    [Fact]
    public async Task The_stored_validators_go_out_with_the_request()
    {
        HttpRequestMessage? sent = null;
        Answer("https://example.org/feed", () => new HttpResponseMessage(HttpStatusCode.NotModified));
        var feed = Feed();
        feed.HttpETag = "\"abc\"";
        feed.LastModified = "Sat, 28 Nov 2026 10:00:00 GMT";

        var result = await Fetcher(r => sent = r).FetchAsync(feed, CancellationToken.None);

        Assert.Equal(FetchOutcome.NotModified, result.Outcome);
        Assert.Equal("\"abc\"", result.HttpETag);
        Assert.Equal("\"abc\"", Assert.Single(sent!.Headers.IfNoneMatch).Tag);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero), sent.Headers.IfModifiedSince);
    }

    private void Answer(string url, Func<HttpResponseMessage> answer) => _answers[url] = answer;

    private static HttpResponseMessage Redirect(HttpStatusCode status, string location)
    {
        var response = new HttpResponseMessage(status);
        response.Headers.Location = new Uri(location, UriKind.RelativeOrAbsolute);
        return response;
    }

    private FeedFetcher Fetcher(Action<HttpRequestMessage>? onSend = null)
    {
        var factory = new Mock<IHttpClientFactory>();
        factory.Setup(f => f.CreateClient(FeedFetcher.ClientName)).Returns(() => new HttpClient(new ScriptedHandler(_answers, onSend)));
        return new FeedFetcher(factory.Object, _time, Options.Create(new AlertsOptions()));
    }

    private sealed class ScriptedHandler(Dictionary<string, Func<HttpResponseMessage>> answers, Action<HttpRequestMessage>? onSend) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            onSend?.Invoke(request);
            var response = answers[request.RequestUri!.ToString()]();
            response.RequestMessage = request;
            return Task.FromResult(response);
        }
    }

    /// <summary>A body that sends a few bytes and then nothing until the reader gives up.</summary>
    private sealed class StalledStream : Stream
    {
        private bool _sent;

        public TaskCompletionSource Reading { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_sent)
            {
                _sent = true;
                return Encoding.UTF8.GetBytes("<rss>", buffer.Span);
            }

            Reading.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override void Flush() => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
