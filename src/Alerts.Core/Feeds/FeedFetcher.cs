using System.Net;
using System.Net.Http.Headers;

namespace Alerts.Core.Feeds;

public sealed record FetchResult(HttpStatusCode Status, ParsedFeed? Feed, string? HttpETag, string? LastModified);

/// <summary>Conditional GET of one feed through the named client registered in <see cref="AlertsServiceCollectionExtensions"/>.</summary>
public sealed class FeedFetcher(IHttpClientFactory clients)
{
    public const string ClientName = "feeds";

    /// <summary>Bodies above this size are refused while streaming, before they reach the parser.</summary>
    public const long MaxBytes = 10 * 1024 * 1024;

    public async Task<FetchResult> FetchAsync(FeedEntity feed, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, feed.Url);
        if (feed.HttpETag is { Length: > 0 } etag && EntityTagHeaderValue.TryParse(etag, out var parsedTag))
        {
            request.Headers.IfNoneMatch.Add(parsedTag);
        }

        if (feed.LastModified is { Length: > 0 } modified && DateTimeOffset.TryParse(modified, out var since))
        {
            request.Headers.IfModifiedSince = since;
        }

        var client = clients.CreateClient(ClientName);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return new FetchResult(response.StatusCode, null, feed.HttpETag, feed.LastModified);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new FeedFetchException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        if (response.Content.Headers.ContentLength > MaxBytes)
        {
            throw new FeedFetchException($"Feed is larger than {MaxBytes} bytes.");
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        await CopyBoundedAsync(body, buffer, cancellationToken).ConfigureAwait(false);
        buffer.Position = 0;
        var parsed = FeedParser.Parse(buffer);
        return new FetchResult(
            response.StatusCode,
            parsed,
            response.Headers.ETag?.ToString(),
            response.Content.Headers.LastModified?.ToString("R"));
    }

    private static async Task CopyBoundedAsync(Stream source, Stream target, CancellationToken cancellationToken)
    {
        var chunk = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (total > MaxBytes)
            {
                throw new FeedFetchException($"Feed is larger than {MaxBytes} bytes.");
            }

            await target.WriteAsync(chunk.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
    }
}

public sealed class FeedFetchException(string message) : Exception(message);
