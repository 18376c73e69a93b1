using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using Alerts.Core.Feeds;

namespace Alerts.Cli.Commands;

/// <summary><c>alerts feeds parse</c>: shows what the parser makes of a feed file or URL.</summary>
internal static class FeedsCommand
{
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(30);

    public static Command Create()
    {
        var source = new Argument<string>("file-or-url") { Description = "A feed file, or an http(s) URL to fetch once." };
        var json = new Option<bool>("--json") { Description = "Print the parsed feed as JSON." };
        var parse = new Command("parse", "Parse a feed and print its items.") { source, json };
        parse.SetAction((result, cancellationToken) => ParseAsync(
            result.GetValue(source)!,
            result.GetValue(json),
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error,
            cancellationToken));
        return new Command("feeds", "Work with feeds.") { parse };
    }

    internal static async Task<int> ParseAsync(string source, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ParsedFeed feed;
        try
        {
            feed = IsHttpUrl(source, out var url)
                ? await FetchAsync(url, cancellationToken).ConfigureAwait(false)
                : ParseFile(source);
        }
        catch (Exception e) when (e is FeedFormatException or HttpRequestException or IOException or UnauthorizedAccessException
            || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var reason = e is TaskCanceledException ? $"no answer within {FetchTimeout.TotalSeconds:0} s" : e.Message;
            await error.WriteLineAsync($"alerts feeds parse: {source}: {reason}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }

        await output.WriteAsync(json ? ToJson(feed) : ToSummary(feed)).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static bool IsHttpUrl(string source, out Uri url)
        => Uri.TryCreate(source, UriKind.Absolute, out url!) && url.Scheme is "http" or "https";

    private static ParsedFeed ParseFile(string path)
    {
        using var stream = File.OpenRead(path);
        return FeedParser.Parse(stream);
    }

    private static async Task<ParsedFeed> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(FetchTimeout);
        using var handler = new HttpClientHandler { AutomaticDecompression = DecompressionMethods.All, MaxAutomaticRedirections = 5 };
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Alerts-feeds-parse/1.0");
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        // Read at most one byte past the limit, so the parser refuses an oversized body without it all being held.
        using var body = new MemoryStream();
        await using (var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false))
        {
            var chunk = new byte[81920];
            int read;
            while (body.Length <= FeedParser.DefaultMaxBytes && (read = await stream.ReadAsync(chunk, timeout.Token).ConfigureAwait(false)) > 0)
            {
                await body.WriteAsync(chunk.AsMemory(0, read), timeout.Token).ConfigureAwait(false);
            }
        }

        body.Position = 0;
        return FeedParser.Parse(body, response.Content.Headers.ContentType?.ToString(), response.RequestMessage?.RequestUri ?? url);
    }

    private static string ToJson(ParsedFeed feed)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("format", feed.Format);
            writer.WriteString("title", feed.Title);
            writer.WriteString("link", feed.Link);
            writer.WriteStartArray("items");
            foreach (var item in feed.Items)
            {
                writer.WriteStartObject();
                writer.WriteString("id", item.Id);
                writer.WriteString("title", item.Title);
                writer.WriteString("link", item.Link);
                writer.WriteString("published", Iso(item.Published));
                writer.WriteString("updated", Iso(item.Updated));
                writer.WriteString("summary", item.Summary);
                writer.WriteString("content", item.Content);
                WriteStrings(writer, "authors", item.Authors);
                WriteStrings(writer, "categories", item.Categories);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + Environment.NewLine;
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static string? Iso(DateTimeOffset? date)
        => date?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string ToSummary(ParsedFeed feed)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{feed.Title ?? "(untitled)"} [{feed.Format}]");
        if (feed.Link is not null)
        {
            text.AppendLine(feed.Link);
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"{feed.Items.Count} item{(feed.Items.Count == 1 ? "" : "s")}");
        for (var i = 0; i < feed.Items.Count; i++)
        {
            var item = feed.Items[i];
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"{i + 1}. {(item.Title.Length > 0 ? item.Title : "(untitled)")}");
            var date = item.Published is { } published ? published.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "no date";
            text.AppendLine(CultureInfo.InvariantCulture, $"   {date}  {item.Link ?? "(no link)"}");
            if (item.Authors.Count > 0 || item.Categories.Count > 0)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"   by {(item.Authors.Count > 0 ? string.Join(", ", item.Authors) : "-")}; in {(item.Categories.Count > 0 ? string.Join(", ", item.Categories) : "-")}");
            }

            if (item.Summary.Length > 0)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"   {(item.Summary.Length > 200 ? item.Summary[..200] + "…" : item.Summary)}");
            }
        }

        return text.ToString();
    }
}
