namespace Alerts.Core.Web;

/// <summary>What a preferences form shows: current values and the errors of the last attempt, keyed as in the API.</summary>
public sealed record FormState(
    string? Email,
    IReadOnlyCollection<string> Topics,
    string Cadence,
    string TimeZone,
    int SendHour,
    string MinSeverity,
    string KeywordsInclude,
    string KeywordsExclude,
    string Countries,
    IReadOnlyDictionary<string, string[]> Errors)
{
    public static FormState Defaults(IReadOnlyCollection<string> topics) => new(
        "", topics, Subscriptions.Cadence.Daily, "UTC", 8, Classification.Severity.Low, "", "", "", new Dictionary<string, string[]>());

    public static FormState Of(Subscriptions.SubscriptionView view) => new(
        view.Email,
        view.Topics.ToList(),
        view.Cadence,
        view.TimeZone,
        view.SendHour,
        view.MinSeverity,
        string.Join(", ", view.Keywords.Include ?? []),
        string.Join(", ", view.Keywords.Exclude ?? []),
        string.Join(", ", view.Countries),
        new Dictionary<string, string[]>());
}
