using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace Alerts.Core.Feeds;

/// <summary>
/// Conditional GET of one feed through the named client registered in <see cref="AlertsServiceCollectionExtensions"/>.
/// Redirects are followed here rather than by the handler, so permanent ones can update the stored URL; the whole
/// fetch (redirects, download, parse) runs within <see cref="AlertsOptions.FeedTimeBudget"/>.
/// </summary>
public sealed class FeedFetcher(IHttpClientFactory clients, TimeProvider time, IOptions<AlertsOptions> options)
{
    public const string ClientName = "feeds";

    public const int MaxRedirects = 5;

    public async Task<FetchResult> FetchAsync(FeedEntity feed, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var budget = new CancellationTokenSource(settings.FeedTimeBudget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            return await FetchWithinBudgetAsync(feed, settings.MaxFeedBytes, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new FeedFetchException($"Feed took longer than its time budget of {settings.FeedTimeBudget.TotalSeconds:0.#} s.", inner: e);
        }
        catch (TimeoutRejectedException e)
        {
            throw new FeedFetchException($"The server did not answer in time ({e.Timeout.TotalSeconds:0.#} s).", inner: e);
        }
        catch (HttpRequestException e)
        {
            throw new FeedFetchException($"Request failed: {e.Message}", inner: e);
        }
        catch (IOException e)
        {
            throw new FeedFetchException($"Download failed: {e.Message}", inner: e);
        }
        catch (FeedFormatException e)
        {
            throw new FeedFetchException(e.Message, (int)HttpStatusCode.OK, inner: e);
        }
    }

    private async Task<FetchResult> FetchWithinBudgetAsync(FeedEntity feed, long maxBytes, CancellationToken cancellationToken)
    {
        var client = clients.CreateClient(ClientName);
        var url = new Uri(feed.Url);
        Uri? movedTo = null;
        var permanentSoFar = true;
        for (var redirects = 0; ; redirects++)
        {
            using var request = ConditionalGet(url, feed);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is 301 or 302 or 303 or 307 or 308)
            {
                if (redirects == MaxRedirects)
                {
                    throw new FeedFetchException($"More than {MaxRedirects} redirects.", status);
                }

                url = RedirectTarget(url, response);
                permanentSoFar &= status is 301 or 308;
                movedTo = permanentSoFar ? url : movedTo;
                continue;
            }

            return response.StatusCode switch
            {
                HttpStatusCode.NotModified => new FetchResult(FetchOutcome.NotModified, status, null, feed.HttpETag, feed.LastModified, movedTo),
                HttpStatusCode.Gone => new FetchResult(FetchOutcome.Gone, status, null, null, null, movedTo),
                HttpStatusCode.OK => await ReadAsync(response, maxBytes, movedTo, cancellationToken).ConfigureAwait(false),
                _ => throw Failure(response),
            };
        }
    }

    private static HttpRequestMessage ConditionalGet(Uri url, FeedEntity feed)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (feed.HttpETag is { Length: > 0 } etag && EntityTagHeaderValue.TryParse(etag, out var parsedTag))
        {
            request.Headers.IfNoneMatch.Add(parsedTag);
        }

        if (feed.LastModified is { Length: > 0 } modified
            && DateTimeOffset.TryParse(modified, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since))
        {
            request.Headers.IfModifiedSince = since;
        }

        return request;
    }

    private static Uri RedirectTarget(Uri from, HttpResponseMessage response)
    {
        if (response.Headers.Location is not { } location)
        {
            throw new FeedFetchException($"HTTP {(int)response.StatusCode} redirect without a Location header.", (int)response.StatusCode);
        }

        var target = location.IsAbsoluteUri ? location : new Uri(from, location);
        if (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps)
        {
            throw new FeedFetchException($"Redirect to a {target.Scheme} URL, which feeds may not use.", (int)response.StatusCode);
        }

        return target;
    }

    private FeedFetchException Failure(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var retryAt = status is 429 or 503 ? RetryAt(response.Headers.RetryAfter) : null;
        var message = $"HTTP {status} {response.ReasonPhrase}".TrimEnd();
        return new FeedFetchException(retryAt is { } at ? $"{message}; retry after {at:u}" : message, status, retryAt);
    }

    /// <summary><c>Retry-After</c> as delta seconds or an HTTP date; a date in the past means now.</summary>
    private DateTimeOffset? RetryAt(RetryConditionHeaderValue? retryAfter)
    {
        var now = time.GetUtcNow();
        return retryAfter switch
        {
            { Delta: { } delta } => now + delta,
            { Date: { } date } => date > now ? date : now,
            _ => null,
        };
    }

    private static async Task<FetchResult> ReadAsync(HttpResponseMessage response, long maxBytes, Uri? movedTo, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        var body = await ReadBoundedAsync(response.Content, maxBytes, cancellationToken).ConfigureAwait(false);
        if (body.Length == 0)
        {
            throw new FeedFetchException("Empty response body: not a feed.", (int)response.StatusCode);
        }

        ParsedFeed parsed;
        try
        {
            // The HTTP charset and the final URL matter: mislabelled encodings and relative links are resolved against them.
            parsed = FeedParser.Parse(body, response.Content.Headers.ContentType?.ToString(), response.RequestMessage?.RequestUri, maxBytes);
        }
        catch (Exception e) when (e is not (FeedFormatException or OperationCanceledException))
        {
            // One document tripping the parser must fail its own feed, never the whole poll.
            throw new FeedFetchException($"The feed could not be parsed ({e.GetType().Name}): {e.Message}", (int)response.StatusCode, inner: e);
        }

        return new FetchResult(
            FetchOutcome.Fetched,
            (int)response.StatusCode,
            parsed,
            response.Headers.ETag?.ToString(),
            response.Content.Headers.LastModified?.ToString("R", CultureInfo.InvariantCulture),
            movedTo);
    }

    /// <summary>Counts decompressed bytes as they arrive, so neither a lying Content-Length nor a gzip bomb gets past the limit.</summary>
    private static async Task<MemoryStream> ReadBoundedAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        await using var source = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var target = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (target.Length + read > maxBytes)
            {
                throw TooLarge(maxBytes);
            }

            await target.WriteAsync(chunk.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }

        target.Position = 0;
        return target;
    }

    private static FeedFetchException TooLarge(long maxBytes)
        => new($"Feed is larger than the limit of {maxBytes:N0} bytes.", (int)HttpStatusCode.OK);
}
