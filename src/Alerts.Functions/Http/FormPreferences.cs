using Alerts.Core.Subscriptions;
using Microsoft.AspNetCore.Http;

namespace Alerts.Functions.Http;

/// <summary>The web forms' fields as the API's request records; comma-separated lists become arrays.</summary>
public static class FormPreferences
{
    public static SubscribeRequest Subscribe(IFormCollection form)
    {
        var preferences = Preferences(form);
        return new SubscribeRequest(
            form["email"].ToString(), preferences.Topics ?? [], preferences.Cadence, preferences.TimeZone, preferences.SendHour,
            preferences.MinSeverity, preferences.Keywords, preferences.Countries);
    }

    /// <summary>
    /// Fields missing from the form stay null, so they keep their values; an unreadable hour becomes -1 and fails
    /// validation. Unchecked boxes send nothing, so a form with a cadence but no topic means no topic was chosen.
    /// </summary>
    public static PreferencesRequest Preferences(IFormCollection form) => new(
        form.ContainsKey("topics") || form.ContainsKey("cadence") ? form["topics"].ToList() : null,
        Single(form, "cadence"),
        Single(form, "timeZone"),
        Single(form, "sendHour") is { } hour ? (int.TryParse(hour, System.Globalization.CultureInfo.InvariantCulture, out var h) ? h : -1) : null,
        Single(form, "minSeverity"),
        form.ContainsKey("keywordsInclude") || form.ContainsKey("keywordsExclude") ? new KeywordFilter(List(form, "keywordsInclude"), List(form, "keywordsExclude")) : null,
        List(form, "countries"));

    private static string? Single(IFormCollection form, string key) => form.TryGetValue(key, out var value) ? value.ToString() : null;

    private static List<string?>? List(IFormCollection form, string key)
        => form.TryGetValue(key, out var value) ? value.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList<string?>() : null;
}
