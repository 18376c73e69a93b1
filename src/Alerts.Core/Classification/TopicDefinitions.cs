using System.Text.Json;

namespace Alerts.Core.Classification;

/// <summary>The topic rules, read from <c>topics.json</c> (embedded default) so they can be tuned without code.</summary>
public sealed record TopicDefinitions(IReadOnlyList<TopicDefinition> Topics)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static TopicDefinitions Embedded()
    {
        using var stream = typeof(TopicDefinitions).Assembly.GetManifestResourceStream("Alerts.Core.topics.json")
            ?? throw new InvalidOperationException("The embedded topics.json is missing.");
        return Load(stream);
    }

    public static TopicDefinitions Load(Stream json)
    {
        var definitions = JsonSerializer.Deserialize<TopicDefinitions>(json, Json) ?? throw new InvalidDataException("topics.json is empty.");
        if (definitions.Topics is null || definitions.Topics.Any(t => string.IsNullOrWhiteSpace(t.Id) || t.Phrases is not { Count: > 0 }))
        {
            throw new InvalidDataException("topics.json: every topic needs an id and at least one phrase.");
        }

        return definitions;
    }
}

public sealed record TopicDefinition(
    string Id,
    double Threshold,
    IReadOnlyList<WeightedPhrase> Phrases,
    IReadOnlyList<string>? Negatives,
    IReadOnlyList<string>? Excludes,
    IReadOnlyList<IReadOnlyList<string>>? Requires,
    IReadOnlyList<string>? High);

public sealed record WeightedPhrase(string Text, double Weight);
