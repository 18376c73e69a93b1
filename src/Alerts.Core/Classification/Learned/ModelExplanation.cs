namespace Alerts.Core.Classification.Learned;

/// <summary>The learned model's view of one topic for one item.</summary>
// Threshold: The probability from which the model backs a match when a topic phrase is present; null when it never does.
// Backed: Whether the model made the match (the rules alone did not).
// Words: The features present with the largest weights either way, largest first.
public sealed record ModelExplanation(double Probability, double? Threshold, bool Backed, IReadOnlyList<ModelWord> Words);

/// <summary>A feature of the item (a normalised word or two adjacent ones), its weight for the topic and where it stands.</summary>
public sealed record ModelWord(string Feature, double Weight, Evidence Evidence);
