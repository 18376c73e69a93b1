using System.Runtime.CompilerServices;

namespace Alerts.Core.Feeds.Parsing;

/// <summary>
/// What a reader found for one item (or the feed itself), by source, so the preferred source wins whatever the
/// element order: each field keeps its first value from its best source.
/// </summary>
internal sealed class ItemFields
{
    // Inline, so that an item costs one object here rather than one per array.
    private FieldTexts text;
    private FieldRanks rank;

    // Made when the first one is added: most feeds give no authors, many no categories.
    private List<string>? authors;
    private List<string>? categories;

    public DateTimeOffset? Published { get; private set; }

    public DateTimeOffset? Updated { get; private set; }

    private int publishedRank;
    private int updatedRank;
    private int authorsRank;

    /// <summary>Whether <see cref="Set"/> from this source could still change <paramref name="field"/>: when not, the element need not be read.</summary>
    public bool Wants(Field field, int sourceRank = 1) => text[(int)field] is null || sourceRank < rank[(int)field];

    /// <summary>Sets <paramref name="field"/> unless a better source (lower <paramref name="sourceRank"/>) already did.</summary>
    public void Set(Field field, string? value, int sourceRank = 1)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        var i = (int)field;
        if (text[i] is null || sourceRank < rank[i])
        {
            text[i] = value;
            rank[i] = sourceRank;
        }
    }

    /// <summary>Sets <paramref name="field"/> whatever came before (RSS: the last <c>&lt;link&gt;</c> wins).</summary>
    public void Replace(Field field, string? value, int sourceRank = 1)
    {
        var i = (int)field;
        if (!string.IsNullOrEmpty(value) && (text[i] is null || sourceRank <= rank[i]))
        {
            text[i] = value;
            rank[i] = sourceRank;
        }
    }

    public string? Get(Field field) => text[(int)field];

    /// <summary>Whether <see cref="SetPublished"/> from this source could still change the date.</summary>
    public bool WantsPublished(int sourceRank = 1) => Published is null || sourceRank < publishedRank;

    /// <summary>Whether <see cref="SetUpdated"/> from this source could still change the date.</summary>
    public bool WantsUpdated(int sourceRank = 1) => Updated is null || sourceRank < updatedRank;

    public void SetPublished(DateTimeOffset? value, int sourceRank = 1)
    {
        if (value is not null && WantsPublished(sourceRank))
        {
            Published = value;
            publishedRank = sourceRank;
        }
    }

    public void SetUpdated(DateTimeOffset? value, int sourceRank = 1)
    {
        if (value is not null && WantsUpdated(sourceRank))
        {
            Updated = value;
            updatedRank = sourceRank;
        }
    }

    /// <summary>Whether <see cref="AddAuthor"/> from this source could still add or replace authors.</summary>
    public bool WantsAuthor(int sourceRank = 1) => authors is not { Count: > 0 } || sourceRank <= authorsRank;

    /// <summary>Adds an author from a source; a better source replaces what worse ones gave.</summary>
    public void AddAuthor(string? name, int sourceRank = 1)
    {
        var plain = PlainText.FromHtml(name);
        if (plain.Length == 0 || !WantsAuthor(sourceRank))
        {
            return;
        }

        if (authors is { Count: > 0 } && sourceRank < authorsRank)
        {
            authors.Clear();
        }

        authorsRank = sourceRank;
        (authors ??= []).Add(plain);
    }

    public void AddCategory(string? category)
    {
        var plain = PlainText.FromHtml(category);
        if (plain.Length > 0)
        {
            (categories ??= []).Add(plain);
        }
    }

    public FeedItem ToItem()
        => new(Get(Field.Id), Get(Field.Title) ?? "", Get(Field.Link), Published ?? Updated, Get(Field.Summary) ?? "")
        {
            Updated = Updated,
            Content = Get(Field.Content) ?? "",
            Authors = authors ?? [],
            Categories = categories ?? [],
        };

    [InlineArray((int)Field.Count)]
    private struct FieldTexts
    {
        private string? first;
    }

    [InlineArray((int)Field.Count)]
    private struct FieldRanks
    {
        private int first;
    }
}

internal enum Field
{
    Id,
    Title,
    Link,
    Summary,
    Content,
    Count,
}
