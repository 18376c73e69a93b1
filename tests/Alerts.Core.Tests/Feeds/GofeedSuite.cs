using System.Globalization;
using System.Text.Json;
using Alerts.Core.Feeds;
using Alerts.Core.Feeds.Parsing;
using Alerts.Core.Tests.Support;

namespace Alerts.Core.Tests.Feeds;

/// <summary>One gofeed translator case: an input feed and gofeed's universal-feed output for it.</summary>
internal sealed record GofeedCase(string Name, string InputPath, string ExpectedPath);

/// <summary>
/// gofeed's MIT-licensed translator test data, read in place from <c>../shared/feeds/gofeed</c> next to the repository
/// (or <c>ALERTS_GOFEED_DIR</c>), and the comparison of our model against its expected output.
/// </summary>
internal static class GofeedSuite
{
    public const string DirectoryVariable = "ALERTS_GOFEED_DIR";

    /// <summary>The suite's folder, or null when it is absent (callers skip, saying so).</summary>
    public static string? Location
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable(DirectoryVariable);
            var candidate = string.IsNullOrWhiteSpace(configured)
                ? Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "feeds", "gofeed"))
                : configured;
            return Directory.Exists(Path.Combine(candidate, "testdata", "translator")) ? candidate : null;
        }
    }

    public static string MissingMessage =>
        $"gofeed test data not found: set {DirectoryVariable} or place it at ../shared/feeds/gofeed beside the repository.";

    public static IReadOnlyList<GofeedCase> Cases(string root)
    {
        var translator = Path.Combine(root, "testdata", "translator");
        var cases = new List<GofeedCase>();
        foreach (var format in new[] { "atom", "rss" })
        {
            foreach (var input in Directory.EnumerateFiles(Path.Combine(translator, format), "*.xml"))
            {
                var expected = Path.ChangeExtension(input, ".json");
                if (File.Exists(expected))
                {
                    cases.Add(new GofeedCase($"{format}/{Path.GetFileNameWithoutExtension(input)}", input, expected));
                }
            }
        }

        foreach (var expected in Directory.EnumerateFiles(Path.Combine(translator, "json"), "*_expected.json"))
        {
            var input = expected.Replace("_expected.json", ".json", StringComparison.Ordinal);
            cases.Add(new GofeedCase($"json/{Path.GetFileNameWithoutExtension(input)}", input, expected));
        }

        return [.. cases.OrderBy(c => c.Name, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Every field of our model that differs from gofeed's output. Text is compared after reducing both sides to plain
    /// text (gofeed keeps HTML; we keep text); authors are compared by name, else email; a missing published date is
    /// compared against gofeed's updated date, as our model falls back to it.
    /// </summary>
    public static List<string> Differences(ParsedFeed actual, string expectedJson)
    {
        using var document = JsonDocument.Parse(expectedJson);
        var expected = document.RootElement;
        var differences = new List<string>();
        Compare(differences, "title", Str(expected, "title"), actual.Title);
        Compare(differences, "link", Str(expected, "link"), actual.Link);
        var items = expected.TryGetProperty("items", out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().ToList() : [];
        if (items.Count != actual.Items.Count)
        {
            differences.Add($"items: expected {items.Count}, got {actual.Items.Count}");
            return differences;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var e = items[i];
            var a = actual.Items[i];
            var at = $"items[{i}].";
            Compare(differences, at + "id", Str(e, "guid"), a.Id);
            Compare(differences, at + "title", Str(e, "title"), a.Title);
            Compare(differences, at + "link", Str(e, "link"), a.Link);
            Compare(differences, at + "summary", Str(e, "description"), a.Summary);
            Compare(differences, at + "content", Str(e, "content"), a.Content);
            CompareDate(differences, at + "published", Date(e, "publishedParsed") ?? Date(e, "updatedParsed"), a.Published);
            CompareDate(differences, at + "updated", Date(e, "updatedParsed"), a.Updated);
            CompareList(differences, at + "authors", Authors(e), a.Authors);
            CompareList(differences, at + "categories", Strings(e, "categories"), a.Categories);
        }

        return differences;
    }

    private static void Compare(List<string> differences, string field, string? expected, string? actual)
    {
        var e = PlainText.FromHtml(expected);
        var a = PlainText.FromHtml(actual);
        if (!string.Equals(e, a, StringComparison.Ordinal))
        {
            differences.Add($"{field}: expected '{e}', got '{a}'");
        }
    }

    private static void CompareDate(List<string> differences, string field, DateTimeOffset? expected, DateTimeOffset? actual)
    {
        if (expected != actual)
        {
            differences.Add($"{field}: expected {expected:O}, got {actual:O}");
        }
    }

    private static void CompareList(List<string> differences, string field, IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        var e = expected.Select(PlainText.FromHtml).ToList();
        var a = actual.Select(PlainText.FromHtml).ToList();
        if (!e.SequenceEqual(a, StringComparer.Ordinal))
        {
            differences.Add($"{field}: expected [{string.Join(", ", e)}], got [{string.Join(", ", a)}]");
        }
    }

    private static string? Str(JsonElement e, string name)
        => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static DateTimeOffset? Date(JsonElement e, string name)
        => Str(e, name) is { } s ? DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime() : null;

    private static List<string> Strings(JsonElement e, string name)
        => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? [.. v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)]
            : [];

    private static List<string> Authors(JsonElement e)
    {
        if (e.TryGetProperty("authors", out var authors) && authors.ValueKind == JsonValueKind.Array)
        {
            return [.. authors.EnumerateArray().Select(AuthorName).OfType<string>()];
        }

        return e.TryGetProperty("author", out var author) && AuthorName(author) is { } name ? [name] : [];
    }

    private static string? AuthorName(JsonElement author)
        => author.ValueKind != JsonValueKind.Object ? null
            : Str(author, "name") is { Length: > 0 } name ? name
            : Str(author, "email") is { Length: > 0 } email ? email
            : null;
}
