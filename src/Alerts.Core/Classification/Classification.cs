namespace Alerts.Core.Classification;

/// <summary>What the classifier says of one item.</summary>
public sealed record Classification(IReadOnlyList<TopicMatch> Topics, string Severity, string? SeverityRule)
{
    public bool Matched => Topics.Count > 0;
}

public sealed record TopicMatch(string Id, double Score, IReadOnlyList<Evidence> Evidence);

/// <summary>A matched phrase and its character offsets in the classified text (title, newline, summary).</summary>
public sealed record Evidence(string Text, int Start, int End);

public static class Severity
{
    public const string Low = "low";
    public const string Medium = "medium";
    public const string High = "high";
}
