using System.Text.Json.Serialization;

namespace Alerts.Core.Classification;

/// <summary>What the classifier says of one item.</summary>
public sealed record Classification(
    IReadOnlyList<TopicMatch> Topics,
    string Severity,
    string? SeverityRule,
    Entities Entities,
    IReadOnlyList<Figure> Figures)
{
    public bool Matched => Topics.Count > 0;
}

// Source: <c>model</c> when the learned model backed a match the rules alone did not make (its evidence is then the
// words that raised the model's probability most); null, and left out of JSON, for a match by the rules.
public sealed record TopicMatch(
    string Id,
    double Score,
    IReadOnlyList<Evidence> Evidence,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Source = null);

/// <summary>A matched phrase and its character offsets in the classified text (title, newline, summary).</summary>
public sealed record Evidence(string Text, int Start, int End);

/// <summary>Who and where an item is about, normalised: "Chinese" is <c>China</c>.</summary>
public sealed record Entities(IReadOnlyList<string> Countries, IReadOnlyList<string> People, IReadOnlyList<string> Places)
{
    public static readonly Entities None = new([], [], []);
}

/// <summary>A figure quoted by the item, such as a tariff rate (<c>tariff-rate</c>, "100%") or a deadline (<c>deadline</c>).</summary>
public sealed record Figure(string Kind, string Text);

public static class Severity
{
    public const string Low = "low";
    public const string Medium = "medium";
    public const string High = "high";
}
