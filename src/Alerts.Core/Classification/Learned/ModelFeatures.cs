namespace Alerts.Core.Classification.Learned;

/// <summary>
/// The features the topic model is trained on, made exactly as the classifier reads text: its own normalised,
/// stemmed words ("tariff" for "Tariffs") and pairs of adjacent ones ("import tax"). Numbers other than
/// percentages and amounts of money are left out: they name events, not topics.
/// </summary>
public sealed class ModelFeatures
{
    private static readonly System.Buffers.SearchValues<char> NumberChars = System.Buffers.SearchValues.Create("0123456789.,");

    private readonly Vocabulary _vocabulary = new();
    private readonly Tokeniser _tokeniser;
    private readonly List<Token> _tokens = [];

    // definitions: The topics whose spelling variants the classifier applies.
    public ModelFeatures(TopicDefinitions definitions)
    {
        _tokeniser = new Tokeniser(_vocabulary, definitions.Spellings ?? new Dictionary<string, string>());
    }

    /// <summary>The distinct features of an item, in order of first appearance.</summary>
    public IReadOnlyList<string> Of(string title, string? summary)
    {
        var text = TopicClassifier.TextOf(title, summary);

        // Learning every word first, then reading the text as the classifier does, gives the tokens it would see
        // if the model's words were all it knew. The newline keeps a leading '#' from reading as a rule class.
        _tokeniser.Learn("\n" + text);
        _tokens.Clear();
        _tokeniser.Tokenise(text, _tokens);
        var features = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? previous = null;
        foreach (var token in _tokens)
        {
            var word = IsFeature(token.Id) ? _vocabulary.WordOf(token.Id) : null;
            if (word is not null && seen.Add(word))
            {
                features.Add(word);
            }

            if (word is not null && previous is not null && seen.Add(previous + " " + word))
            {
                features.Add(previous + " " + word);
            }

            previous = word;
        }

        return features;
    }

    private bool IsFeature(int id)
        => id != Vocabulary.Unknown && id != Vocabulary.Number && _vocabulary.WordOf(id).AsSpan().ContainsAnyExcept(NumberChars);
}
