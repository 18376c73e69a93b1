namespace Alerts.Core.Subscriptions;

/// <summary>Body of <c>PUT /api/subscriptions/{id}</c>: fields left out keep their values.</summary>
public sealed record PreferencesRequest(
    IReadOnlyList<string?>? Topics = null,
    string? Cadence = null,
    string? TimeZone = null,
    int? SendHour = null,
    string? MinSeverity = null,
    KeywordFilter? Keywords = null,
    IReadOnlyList<string?>? Countries = null);
