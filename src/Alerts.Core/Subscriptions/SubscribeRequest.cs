namespace Alerts.Core.Subscriptions;

/// <summary>Body of <c>POST /api/subscriptions</c>: only email and topics are required.</summary>
public sealed record SubscribeRequest(
    string? Email,
    IReadOnlyList<string?>? Topics,
    string? Cadence = null,
    string? TimeZone = null,
    int? SendHour = null,
    string? MinSeverity = null,
    KeywordFilter? Keywords = null,
    IReadOnlyList<string?>? Countries = null)
{
    public PreferencesRequest Preferences => new(Topics, Cadence, TimeZone, SendHour, MinSeverity, Keywords, Countries);
}

public sealed record KeywordFilter(IReadOnlyList<string?>? Include = null, IReadOnlyList<string?>? Exclude = null);
