using System.Globalization;
using System.Text.Json;

namespace Alerts.Core.Feeds.Parsing;

/// <summary>JSON Feed 1.0 and 1.1 (https://jsonfeed.org) with System.Text.Json; values of the wrong JSON type count as absent.</summary>
internal static class JsonFeedReader
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 };

    public static ParsedFeed Read(string json, Uri? baseUri)
    {
        using var document = JsonDocument.Parse(json, Options);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FeedFormatException("not a feed: the JSON document is not an object.");
        }

        var format = Version(String(root, "version"))
            ?? throw new FeedFormatException("not a feed: JSON without a JSON Feed \"version\".");
        var items = new List<FeedItem>();
        if (root.TryGetProperty("items", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object)
                {
                    items.Add(ReadItem(item, baseUri));
                }
            }
        }

        var title = PlainText.FromHtml(String(root, "title"));
        return new ParsedFeed(title.Length == 0 ? null : title, XmlFeedReader.Link(String(root, "home_page_url"), baseUri), items) { Format = format };
    }

    private static string? Version(string? version)
    {
        var v = version?.Trim().TrimEnd('/');
        return v switch
        {
            null => null,
            _ when v.EndsWith("/1.1", StringComparison.Ordinal) || v == "1.1" => FeedFormats.Json11,
            _ when v.EndsWith("/1", StringComparison.Ordinal) || v is "1" or "1.0" => FeedFormats.Json10,
            _ => null,
        };
    }

    private static FeedItem ReadItem(JsonElement item, Uri? baseUri)
    {
        var fields = new ItemFields();
        fields.Set(Field.Id, item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number ? id.GetRawText() : String(item, "id")?.Trim());
        fields.Set(Field.Title, PlainText.FromHtml(String(item, "title")));
        fields.Set(Field.Link, XmlFeedReader.Link(String(item, "url"), baseUri));
        fields.Set(Field.Link, XmlFeedReader.Link(String(item, "external_url"), baseUri), 2);
        fields.Set(Field.Summary, PlainText.FromHtml(String(item, "summary")));
        fields.Set(Field.Content, PlainText.FromHtml(String(item, "content_html")));
        fields.Set(Field.Content, PlainText.Fold(String(item, "content_text")), 2);
        fields.SetPublished(Date(String(item, "date_published")));
        fields.SetUpdated(Date(String(item, "date_modified")));
        if (item.TryGetProperty("authors", out var authors) && authors.ValueKind == JsonValueKind.Array)
        {
            foreach (var author in authors.EnumerateArray())
            {
                fields.AddAuthor(AuthorName(author));
            }
        }
        else if (item.TryGetProperty("author", out var author))
        {
            fields.AddAuthor(AuthorName(author));
        }

        if (item.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array)
        {
            foreach (var tag in tags.EnumerateArray())
            {
                fields.AddCategory(tag.ValueKind == JsonValueKind.String ? tag.GetString() : null);
            }
        }

        return fields.ToItem();
    }

    private static DateTimeOffset? Date(string? text)
        => text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date.ToUniversalTime()
            : FeedDates.Parse(text);

    private static string? AuthorName(JsonElement author)
        => author.ValueKind == JsonValueKind.Object ? String(author, "name") ?? String(author, "url") : null;

    private static string? String(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
