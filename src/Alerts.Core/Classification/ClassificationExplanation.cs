using Alerts.Core.Classification.Learned;

namespace Alerts.Core.Classification;

/// <summary>Why an item was classified as it was: every topic, matched or not, with the rules that scored.</summary>
// Text: The classified text (title, newline, summary) the evidence offsets refer to.
public sealed record ClassificationExplanation(string Text, Classification Classification, IReadOnlyList<TopicExplanation> Topics);

// Total: Sum of the contributions, compared with <paramref name="Threshold"/>.
// RuledOut: Why the topic was ruled out whatever its total (an exclude phrase, a missing required group), if it was.
// Model: What the learned model says of the topic, when one is loaded and covers it.
public sealed record TopicExplanation(string Id, double Total, double Threshold, bool Matched, string? RuledOut, IReadOnlyList<Contribution> Contributions, ModelExplanation? Model = null);

// Rule: The phrase list entry or co-occurrence rule that scored.
public sealed record Contribution(string Rule, double Weight, IReadOnlyList<Evidence> Evidence);
