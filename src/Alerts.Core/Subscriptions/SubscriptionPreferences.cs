using System.Text.Json;
using Alerts.Core.Classification;

namespace Alerts.Core.Subscriptions;

/// <summary>Validates preference fields and writes them onto a subscriber row; absent fields keep the row's values.</summary>
public sealed class SubscriptionPreferences(TopicClassifier classifier)
{
    public const int MaxKeywords = 20;
    public const int MaxKeywordLength = 64;
    public const int MaxCountries = 50;
    public const int MaxCountryLength = 64;

    public static readonly IReadOnlyList<string> Severities = [Severity.Low, Severity.Medium, Severity.High];

    public IReadOnlyList<string> TopicIds { get; } = classifier.TopicIds.ToList();

    /// <summary>Checks every field and, when all are valid, applies them to <paramref name="subscriber"/>.</summary>
    public void Apply(PreferencesRequest request, SubscriberEntity subscriber, ValidationErrors errors)
    {
        var topics = request.Topics is null ? null : Topics(request.Topics, "topics", errors);
        var cadence = request.Cadence?.Trim().ToLowerInvariant();
        if (cadence is not null && !Cadence.All.Contains(cadence))
        {
            errors.Add("cadence", $"Must be one of: {string.Join(", ", Cadence.All)}.");
        }

        var timeZone = request.TimeZone?.Trim();
        if (timeZone is not null && !IsTimeZone(timeZone))
        {
            errors.Add("timeZone", "Must be an IANA time zone id such as Europe/Berlin or UTC.");
        }

        if (request.SendHour is < 0 or > 23)
        {
            errors.Add("sendHour", "Must be an hour from 0 to 23.");
        }

        var severity = request.MinSeverity?.Trim().ToLowerInvariant();
        if (severity is not null && !Severities.Contains(severity))
        {
            errors.Add("minSeverity", $"Must be one of: {string.Join(", ", Severities)}.");
        }

        var include = request.Keywords?.Include is { } inc ? Words(inc, "keywords.include", MaxKeywords, MaxKeywordLength, errors) : null;
        var exclude = request.Keywords?.Exclude is { } exc ? Words(exc, "keywords.exclude", MaxKeywords, MaxKeywordLength, errors) : null;
        var countries = request.Countries is { } c ? Words(c, "countries", MaxCountries, MaxCountryLength, errors) : null;
        if (countries?.Any(x => x.Contains(',', StringComparison.Ordinal)) == true)
        {
            errors.Add("countries", "Country names may not contain commas.");
        }

        if (errors.Any)
        {
            return;
        }

        subscriber.Topics = topics is null ? subscriber.Topics : string.Join(',', topics);
        subscriber.Cadence = cadence ?? subscriber.Cadence;
        subscriber.TimeZone = timeZone ?? subscriber.TimeZone;
        subscriber.SendHour = request.SendHour ?? subscriber.SendHour;
        subscriber.MinSeverity = severity ?? subscriber.MinSeverity;
        subscriber.KeywordsInclude = include is null ? subscriber.KeywordsInclude : JsonArray(include);
        subscriber.KeywordsExclude = exclude is null ? subscriber.KeywordsExclude : JsonArray(exclude);
        subscriber.Countries = countries is null ? subscriber.Countries : string.Join(',', countries);
    }

    public static IReadOnlyList<string> ReadJsonArray(string stored)
        => string.IsNullOrEmpty(stored) ? [] : JsonSerializer.Deserialize<string[]>(stored) ?? [];

    private static string JsonArray(IReadOnlyList<string> words) => words.Count == 0 ? "" : JsonSerializer.Serialize(words);

    public IReadOnlyList<string>? Topics(IReadOnlyList<string?> requested, string field, ValidationErrors errors)
    {
        var topics = requested.Select(t => t?.Trim().ToLowerInvariant()).Distinct().ToList();
        if (topics.Count == 0)
        {
            errors.Add(field, "Choose at least one topic.");
            return null;
        }

        foreach (var topic in topics)
        {
            if (topic is null || !TopicIds.Contains(topic))
            {
                errors.Add(field, $"Unknown topic; choose from: {string.Join(", ", TopicIds)}.");
                return null;
            }
        }

        return topics!;
    }

    private static List<string>? Words(IReadOnlyList<string?> values, string field, int maxCount, int maxLength, ValidationErrors errors)
    {
        if (values.Count > maxCount)
        {
            errors.Add(field, $"At most {maxCount} entries.");
            return null;
        }

        var words = new List<string>();
        for (var i = 0; i < values.Count; i++)
        {
            var word = values[i]?.Trim();
            if (string.IsNullOrEmpty(word) || word.Length > maxLength || word.Any(char.IsControl))
            {
                errors.Add($"{field}[{i}]", $"Must be 1 to {maxLength} characters without control characters.");
                continue;
            }

            if (!words.Contains(word, StringComparer.OrdinalIgnoreCase))
            {
                words.Add(word);
            }
        }

        return words;
    }

    private static bool IsTimeZone(string id)
        => id.Length <= 64 && !id.Any(char.IsControl) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId;
}
