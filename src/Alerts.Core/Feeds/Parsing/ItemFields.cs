namespace Alerts.Core.Feeds.Parsing;

/// <summary>
/// What a reader found for one item (or the feed itself), by source, so the preferred source wins whatever the
/// element order: each field keeps its first value from its best source.
/// </summary>
internal sealed class ItemFields
{
    private readonly string?[] text = new string?[(int)Field.Count];
    private readonly int[] rank = new int[(int)Field.Count];

    public DateTimeOffset? Published { get; private set; }

    public DateTimeOffset? Updated { get; private set; }

    public List<string> Authors { get; } = [];

    public List<string> Categories { get; } = [];

    private int publishedRank;
    private int updatedRank;
    private int authorsRank;

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

    public void SetPublished(DateTimeOffset? value, int sourceRank = 1)
    {
        if (value is not null && (Published is null || sourceRank < publishedRank))
        {
            Published = value;
            publishedRank = sourceRank;
        }
    }

    public void SetUpdated(DateTimeOffset? value, int sourceRank = 1)
    {
        if (value is not null && (Updated is null || sourceRank < updatedRank))
        {
            Updated = value;
            updatedRank = sourceRank;
        }
    }

    /// <summary>Adds an author from a source; a better source replaces what worse ones gave.</summary>
    public void AddAuthor(string? name, int sourceRank = 1)
    {
        var plain = PlainText.FromHtml(name);
        if (plain.Length == 0 || (Authors.Count > 0 && sourceRank > authorsRank))
        {
            return;
        }

        if (Authors.Count > 0 && sourceRank < authorsRank)
        {
            Authors.Clear();
        }

        authorsRank = sourceRank;
        Authors.Add(plain);
    }

    public void AddCategory(string? category)
    {
        var plain = PlainText.FromHtml(category);
        if (plain.Length > 0)
        {
            Categories.Add(plain);
        }
    }

    public FeedItem ToItem()
        => new(Get(Field.Id), Get(Field.Title) ?? "", Get(Field.Link), Published ?? Updated, Get(Field.Summary) ?? "")
        {
            Updated = Updated,
            Content = Get(Field.Content) ?? "",
            Authors = Authors,
            Categories = Categories,
        };
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
