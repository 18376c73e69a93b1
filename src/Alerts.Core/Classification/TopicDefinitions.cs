namespace Alerts.Core.Classification;

/// <summary>
/// The topic rules, read from <c>topics.json</c> (embedded default, or the file named by <c>Alerts:TopicsPath</c>) so a
/// topic can be tuned or added without code. The README describes every field.
/// </summary>
// Terms: Named phrase lists that rules reference as <c>@name</c>.
// Spellings: Variant to preferred spelling ("license" to "licence"), applied to every inflection.
// RateWords: Words that make a nearby percentage a <c>tariff-rate</c> figure.
public sealed record TopicDefinitions(
    IReadOnlyList<TopicDefinition> Topics,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Terms = null,
    IReadOnlyDictionary<string, string>? Spellings = null,
    IReadOnlyList<string>? RateWords = null)
{
    public static TopicDefinitions Embedded() => DataFiles.Embedded("topics.json", Load);

    /// <summary>The file at <paramref name="path"/> when given, else the embedded default.</summary>
    public static TopicDefinitions From(string? path) => DataFiles.From(path, "topics.json", "Topics", Load);

    public static TopicDefinitions Load(Stream json)
    {
        var definitions = DataFiles.Deserialize<TopicDefinitions>(json, "topics.json");

        if (definitions?.Topics is not { Count: > 0 })
        {
            throw new InvalidDataException("topics.json: no topics.");
        }

        definitions.Validate();
        return definitions;
    }

    /// <summary>The phrases a list stands for, with <c>@name</c> references to <see cref="Terms"/> expanded.</summary>
    public IEnumerable<string> Expand(IEnumerable<string>? phrases)
    {
        foreach (var phrase in phrases ?? [])
        {
            if (phrase.StartsWith('@'))
            {
                foreach (var term in Terms![phrase[1..]])
                {
                    yield return term;
                }
            }
            else
            {
                yield return phrase;
            }
        }
    }

    private void Validate()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var topic in Topics)
        {
            if (string.IsNullOrWhiteSpace(topic.Id) || !ids.Add(topic.Id))
            {
                throw new InvalidDataException($"topics.json: topic ids must be present and unique (\"{topic.Id}\").");
            }

            if (topic.Phrases is not { Count: > 0 } || topic.Threshold <= 0)
            {
                throw new InvalidDataException($"topics.json: topic {topic.Id} needs at least one phrase and a positive threshold.");
            }

            var lists = new[] { topic.Phrases.Select(p => p.Text), topic.Negatives, topic.Excludes, topic.ExcludeUnless }
                .Concat(topic.Requires ?? [])
                .Concat((topic.Near ?? []).SelectMany(n => new[] { n.A, n.B }))
                .Concat((topic.Proximity ?? []).SelectMany(p => p.Groups ?? []))
                .Concat((topic.Severity ?? []).Select(s => s.When));
            foreach (var phrase in lists.SelectMany(l => l ?? []))
            {
                if (string.IsNullOrWhiteSpace(phrase) || (phrase.StartsWith('@') && Terms?.ContainsKey(phrase[1..]) != true))
                {
                    throw new InvalidDataException($"topics.json: topic {topic.Id} uses an empty phrase or an unknown term list \"{phrase}\".");
                }
            }

            if ((topic.Proximity ?? []).Any(p => p.Groups is not { Count: >= 2 } || p.Groups.Any(g => g is not { Count: > 0 }) || string.IsNullOrWhiteSpace(p.Name) || p.Window < 0))
            {
                throw new InvalidDataException($"topics.json: topic {topic.Id} has a proximity rule without a name, with fewer than two groups, an empty group or a negative window.");
            }

            if ((topic.Severity ?? []).Any(s => s.Level is not (Alerts.Core.Classification.Severity.High or Alerts.Core.Classification.Severity.Medium) || string.IsNullOrWhiteSpace(s.Name)))
            {
                throw new InvalidDataException($"topics.json: topic {topic.Id} has a severity rule without a name or with a level other than high or medium.");
            }
        }
    }
}

// Phrases: Weighted phrases; each counts once per item, times <paramref name="TitleBoost"/> when it is in the title.
// Near: Co-occurrence rules: a phrase of one list within a number of words of a phrase of the other.
// Proximity: Like <paramref name="Near"/> for any number of lists: a phrase of every list, all within a number of words.
// Negatives: Contexts that cancel any phrase inside them ("feed-in tariff" cancels "tariff").
// Excludes: Phrases that rule the topic out, unless one of <paramref name="ExcludeUnless"/> is present too.
// Requires: Groups of which each must have a phrase present.
// Severity: Rules, in order, that raise a matched item's severity when their words stand near its evidence.
// MediumScore: A matched item scoring this much is at least medium.
public sealed record TopicDefinition(
    string Id,
    double Threshold,
    IReadOnlyList<WeightedPhrase> Phrases,
    IReadOnlyList<string>? Negatives = null,
    IReadOnlyList<string>? Excludes = null,
    IReadOnlyList<IReadOnlyList<string>>? Requires = null,
    IReadOnlyList<NearRule>? Near = null,
    IReadOnlyList<SeverityRule>? Severity = null,
    IReadOnlyList<string>? ExcludeUnless = null,
    double TitleBoost = 1.0,
    double MediumScore = 0.8,
    IReadOnlyList<ProximityRule>? Proximity = null);

public sealed record WeightedPhrase(string Text, double Weight);

// Window: Most words between the two phrases; 0 for anywhere in the item.
public sealed record NearRule(string Name, IReadOnlyList<string> A, IReadOnlyList<string> B, int Window, double Weight);

// Groups: Two or more phrase lists; one phrase of each must be found, none overlapping another.
// Window: Most words between the first and the last of those phrases; 0 for anywhere in the item.
public sealed record ProximityRule(string Name, IReadOnlyList<IReadOnlyList<string>> Groups, int Window, double Weight);

// Level: <c>high</c> or <c>medium</c>.
// Window: Most words between a <paramref name="When"/> phrase and the topic's evidence; 0 for anywhere.
public sealed record SeverityRule(string Level, string Name, IReadOnlyList<string> When, int Window = 6);
