using Microsoft.Extensions.Logging;

namespace Alerts.Core.Feeds;

/// <summary>A feed as the management API shows it: its URL and health.</summary>
public sealed record FeedView(
    string Id,
    string Url,
    string? Title,
    DateTimeOffset? LastPoll,
    DateTimeOffset? LastSuccess,
    int? LastStatus,
    int ConsecutiveFailures,
    string? LastError,
    int ItemsNew,
    DateTimeOffset? NextPoll,
    bool Paused,
    bool Gone,
    string? PausedReason)
{
    public static FeedView From(FeedEntity feed) => new(
        feed.RowKey, feed.Url, feed.Title, feed.LastPoll, feed.LastSuccess, feed.LastStatus, feed.ConsecutiveFailures,
        feed.LastError, feed.ItemsNew, feed.NextPoll, feed.Paused, feed.Gone, feed.PausedReason);
}

/// <summary><see cref="Feed"/> is null exactly when <see cref="Error"/> says why the URL was refused.</summary>
public sealed record FeedAddResult(FeedView? Feed, bool Created, string? Error);

public sealed record OpmlImportResult(int Added, int Existing, IReadOnlyList<string> Rejected);

/// <summary>The feed management API: add (validated by fetching once), list with health, remove, OPML import and export.</summary>
public sealed partial class FeedManagement(FeedStore feeds, FeedFetcher fetcher, TimeProvider time, ILogger<FeedManagement> logger)
{
    /// <summary>Lists bigger than this are refused as a whole rather than half imported.</summary>
    public const int MaxImport = 5000;

    /// <summary>
    /// Fetches the URL once and registers it when it is a readable feed (under the URL reached through permanent
    /// redirects). Adding a feed that exists resumes it when it was paused or gone.
    /// </summary>
    public async Task<FeedAddResult> AddAsync(string? url, CancellationToken cancellationToken)
    {
        if (!FeedUrl.TryParse(url, out var parsed, out var error))
        {
            return new FeedAddResult(null, false, error);
        }

        FetchResult fetched;
        try
        {
            fetched = await fetcher.FetchAsync(new FeedEntity { Url = parsed.ToString() }, cancellationToken).ConfigureAwait(false);
        }
        catch (FeedFetchException e)
        {
            return new FeedAddResult(null, false, $"{parsed} is not a usable feed: {e.Message}");
        }

        if (fetched.Outcome != FetchOutcome.Fetched)
        {
            return new FeedAddResult(null, false, $"{parsed} is not a usable feed: HTTP {fetched.Status}.");
        }

        var finalUrl = (fetched.MovedTo ?? parsed).ToString();
        var id = FeedStore.FeedId(finalUrl);
        if (await feeds.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            if (!existing.IsActive)
            {
                FeedHealthRules.Resume(existing);
                await feeds.UpdateAsync(existing, cancellationToken).ConfigureAwait(false);
                LogResumed(existing.Url);
            }

            return new FeedAddResult(FeedView.From(existing), false, null);
        }

        var feed = new FeedEntity { RowKey = id, Url = finalUrl, Title = fetched.Feed?.Title, OriginalUrl = fetched.MovedTo is null ? null : parsed.ToString() };
        var created = await feeds.AddAsync(feed, cancellationToken).ConfigureAwait(false);
        if (created)
        {
            LogAdded(finalUrl);
        }

        return new FeedAddResult(FeedView.From(feed), created, null);
    }

    public async Task<IReadOnlyList<FeedView>> ListAsync(CancellationToken cancellationToken)
        => (await feeds.ListAsync(cancellationToken).ConfigureAwait(false)).OrderBy(f => f.Url, StringComparer.Ordinal).Select(FeedView.From).ToList();

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) => feeds.DeleteAsync(id, cancellationToken);

    /// <summary>
    /// Registers every feed of an OPML list without fetching them (a list of hundreds would take minutes); each is
    /// checked at its first poll and its health shows the outcome. Throws <see cref="OpmlFormatException"/>.
    /// </summary>
    public async Task<OpmlImportResult> ImportOpmlAsync(Stream opml, CancellationToken cancellationToken)
    {
        var listed = Opml.Read(await BufferAsync(opml, cancellationToken).ConfigureAwait(false));
        if (listed.Count > MaxImport)
        {
            throw new OpmlFormatException($"The list holds {listed.Count} feeds; at most {MaxImport} can be imported at once.");
        }

        int added = 0, existing = 0;
        var rejected = new List<string>();
        foreach (var feed in listed)
        {
            if (!FeedUrl.TryParse(feed.Url, out var url, out var error))
            {
                rejected.Add($"{feed.Url}: {error}");
            }
            else if (await feeds.AddAsync(url.ToString(), feed.Title, cancellationToken).ConfigureAwait(false))
            {
                added++;
            }
            else
            {
                existing++;
            }
        }

        LogImported(added, existing, rejected.Count);
        return new OpmlImportResult(added, existing, rejected);
    }

    /// <summary>Request bodies only allow asynchronous reads, and XmlReader reads synchronously: buffer first, within the size limit.</summary>
    private static async Task<MemoryStream> BufferAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > Opml.MaxCharacters)
            {
                throw new OpmlFormatException($"The OPML document is larger than {Opml.MaxCharacters:N0} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return buffer;
    }

    public async Task<string> ExportOpmlAsync(CancellationToken cancellationToken)
    {
        var all = await feeds.ListAsync(cancellationToken).ConfigureAwait(false);
        return Opml.Write("Alerts feeds", all.OrderBy(f => f.Url, StringComparer.Ordinal).Select(f => new OpmlFeed(f.Url, f.Title)), time.GetUtcNow());
    }

    [LoggerMessage(EventId = 1020, Level = LogLevel.Information, Message = "Added feed {Url}")]
    private partial void LogAdded(string url);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Information, Message = "Resumed feed {Url}")]
    private partial void LogResumed(string url);

    [LoggerMessage(EventId = 1022, Level = LogLevel.Information, Message = "Imported OPML: {Added} added, {Existing} already registered, {Rejected} rejected")]
    private partial void LogImported(int added, int existing, int rejected);
}
