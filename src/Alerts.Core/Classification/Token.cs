namespace Alerts.Core.Classification;

/// <summary>A normalised word (or number, percentage, amount of money) and where it stands in the classified text.</summary>
// Id: Its id in the <see cref="Vocabulary"/>, or <see cref="Vocabulary.Unknown"/> for words no rule uses.
internal readonly record struct Token(int Start, int End, int Id);
