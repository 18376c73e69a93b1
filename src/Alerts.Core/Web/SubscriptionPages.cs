using System.Globalization;
using System.Text;
using Alerts.Core.Subscriptions;
using static Alerts.Core.Web.PageLayout;

namespace Alerts.Core.Web;

/// <summary>The server-rendered pages: subscribe, check your inbox, confirmed, manage, unsubscribe, and errors.</summary>
public static class SubscriptionPages
{
    public const string SubscribeAction = "/api/ui/subscribe";
    public const string ManageAction = "/api/ui/manage";

    public static string Home(IReadOnlyList<string> topicIds, FormState form)
    {
        var body = new StringBuilder();
        body.Append("<p>Get news about trade talks, tariffs and export controls on rare earths by email. ")
            .Append("We send one email to confirm the address; nothing else arrives until you confirm.</p>\n");
        ErrorSummary(body, form.Errors);
        body.Append("<form method=\"post\" action=\"").Append(SubscribeAction).Append("\" novalidate>\n");
        Field(body, "email", "Email address", form.Errors, id => $"<input type=\"email\" id=\"{id}\" name=\"email\" required autocomplete=\"email\" maxlength=\"254\" value=\"{Encode(form.Email)}\"{Invalid(form.Errors, "email", id)}>");
        Preferences(body, topicIds, form);
        body.Append("<button type=\"submit\">Subscribe</button>\n</form>");
        return Render("Subscribe to Alerts", body.ToString());
    }

    public static string CheckInbox(string email)
        => Render("Check your inbox", $"<p role=\"status\">If <strong>{Encode(email)}</strong> can receive mail, a confirmation link is on its way. It works for 7 days. Nothing else is sent until you open it.</p>");

    public static string Confirmed(ConfirmedSubscription confirmed)
        => Render(
            "Subscription confirmed",
            $"""
            <p role="status">You will receive alerts about {Encode(string.Join(", ", confirmed.Subscription.Topics.Select(TopicLabel)))} ({Encode(confirmed.Subscription.Cadence)}) at <strong>{Encode(confirmed.Subscription.Email)}</strong>.</p>
            <p>Subscription id: <code id="subscription-id">{Encode(confirmed.Subscription.Id)}</code></p>
            <p><a id="manage-link" href="{Encode(confirmed.ManageUrl.PathAndQuery)}">Manage your subscription</a> (keep this link: every email carries it too).</p>
            """);

    public static string Manage(IReadOnlyList<string> topicIds, string id, string manageToken, Uri unsubscribeUrl, FormState form, bool saved)
    {
        var body = new StringBuilder();
        if (saved)
        {
            body.Append("<p role=\"status\" id=\"saved\">Your preferences are saved.</p>\n");
        }

        body.Append("<p>Alerts for <strong>").Append(Encode(form.Email)).Append("</strong>.</p>\n");
        ErrorSummary(body, form.Errors);
        body.Append("<form method=\"post\" action=\"").Append(ManageAction).Append("\">\n")
            .Append("<input type=\"hidden\" name=\"id\" value=\"").Append(Encode(id)).Append("\">\n")
            .Append("<input type=\"hidden\" name=\"token\" value=\"").Append(Encode(manageToken)).Append("\">\n");
        Preferences(body, topicIds, form);
        Field(body, "keywordsInclude", "Only items containing any of these words (comma-separated, optional)", form.Errors, id => TextInput(id, "keywordsInclude", form.KeywordsInclude, form.Errors, "keywords.include"));
        Field(body, "keywordsExclude", "Skip items containing any of these words (comma-separated, optional)", form.Errors, id => TextInput(id, "keywordsExclude", form.KeywordsExclude, form.Errors, "keywords.exclude"));
        Field(body, "countries", "Only items about these countries (comma-separated, optional)", form.Errors, id => TextInput(id, "countries", form.Countries, form.Errors, "countries"));
        body.Append("<button type=\"submit\">Save preferences</button>\n</form>\n")
            .Append("<p><a href=\"").Append(Encode(unsubscribeUrl.PathAndQuery)).Append("\">Unsubscribe</a></p>");
        return Render("Manage your subscription", body.ToString());
    }

    public static string Unsubscribe(string email, string token)
        => Render(
            "Unsubscribe",
            $"""
            <p>Stop all alerts to <strong>{Encode(email)}</strong>?</p>
            <form method="post" action="/api/unsubscribe?token={Encode(Uri.EscapeDataString(token))}">
            <input type="hidden" name="List-Unsubscribe" value="One-Click">
            <button type="submit">Unsubscribe</button>
            </form>
            """);

    public static string Unsubscribed(string email)
        => Render("You are unsubscribed", $"<p role=\"status\">No more alerts will be sent to <strong>{Encode(email)}</strong>. To come back, <a href=\"{HomePath}\">subscribe again</a>; you will confirm the address once more.</p>");

    public static string Problem(ApiProblem problem)
    {
        var body = new StringBuilder();
        body.Append("<p role=\"alert\">").Append(Encode(problem.Detail)).Append("</p>\n");
        if (problem.Errors is { Count: > 0 } errors)
        {
            body.Append("<ul>");
            foreach (var (field, messages) in errors)
            {
                foreach (var message in messages)
                {
                    body.Append("<li>").Append(Encode(field)).Append(": ").Append(Encode(message)).Append("</li>");
                }
            }

            body.Append("</ul>\n");
        }

        return Render(problem.Title, body.ToString());
    }

    public static string TopicLabel(string id)
        => id.Length == 0 ? id : char.ToUpperInvariant(id[0]) + id[1..].Replace('-', ' ');

    private static void Preferences(StringBuilder body, IReadOnlyList<string> topicIds, FormState form)
    {
        body.Append("<fieldset").Append(Described(form.Errors, "topics", "topics-error")).Append("><legend>Topics</legend>\n");
        ErrorText(body, form.Errors, "topics", "topics-error");
        foreach (var topic in topicIds)
        {
            var id = "topic-" + topic;
            body.Append("<div><input type=\"checkbox\" id=\"").Append(id).Append("\" name=\"topics\" value=\"").Append(Encode(topic)).Append('"')
                .Append(form.Topics.Contains(topic) ? " checked" : "").Append("><label for=\"").Append(id).Append("\">")
                .Append(Encode(TopicLabel(topic))).Append("</label></div>\n");
        }

        body.Append("</fieldset>\n");
        Field(body, "cadence", "How often", form.Errors, id => Select(id, "cadence", Cadence.All.Select(c => (c, c switch
        {
            Cadence.Immediate => "As soon as news breaks",
            Cadence.Weekly => "Weekly digest",
            _ => "Daily digest",
        })), form.Cadence, form.Errors));
        Field(body, "sendHour", "Hour to send digests", form.Errors, id => Select(id, "sendHour", Enumerable.Range(0, 24).Select(h => (h.ToString(CultureInfo.InvariantCulture), $"{h:00}:00")), form.SendHour.ToString(CultureInfo.InvariantCulture), form.Errors));
        Field(body, "timeZone", "Time zone (IANA id, e.g. Europe/Berlin)", form.Errors, id => TextInput(id, "timeZone", form.TimeZone, form.Errors, "timeZone"));
        Field(body, "minSeverity", "Lowest severity", form.Errors, id => Select(id, "minSeverity", SubscriptionPreferences.Severities.Select(s => (s, TopicLabel(s))), form.MinSeverity, form.Errors));
    }

    private static void Field(StringBuilder body, string name, string label, IReadOnlyDictionary<string, string[]> errors, Func<string, string> input)
    {
        var id = "field-" + name;
        body.Append("<label for=\"").Append(id).Append("\">").Append(Encode(label)).Append("</label>\n");
        ErrorText(body, errors, ErrorKey(name), id + "-error");
        body.Append(input(id)).Append('\n');
    }

    private static string TextInput(string id, string name, string value, IReadOnlyDictionary<string, string[]> errors, string errorKey)
        => $"<input type=\"text\" id=\"{id}\" name=\"{name}\" value=\"{Encode(value)}\" maxlength=\"2000\"{Invalid(errors, errorKey, id)}>";

    private static string Select(string id, string name, IEnumerable<(string Value, string Label)> options, string selected, IReadOnlyDictionary<string, string[]> errors)
    {
        var html = new StringBuilder($"<select id=\"{id}\" name=\"{name}\"{Invalid(errors, name, id)}>");
        foreach (var (value, label) in options)
        {
            html.Append("<option value=\"").Append(Encode(value)).Append('"').Append(value == selected ? " selected" : "").Append('>').Append(Encode(label)).Append("</option>");
        }

        return html.Append("</select>").ToString();
    }

    private static string ErrorKey(string name) => name switch
    {
        "keywordsInclude" => "keywords.include",
        "keywordsExclude" => "keywords.exclude",
        _ => name,
    };

    private static IEnumerable<string> MessagesFor(IReadOnlyDictionary<string, string[]> errors, string key)
        => errors.Where(e => e.Key == key || e.Key.StartsWith(key + "[", StringComparison.Ordinal)).SelectMany(e => e.Value);

    private static string Invalid(IReadOnlyDictionary<string, string[]> errors, string key, string id)
        => MessagesFor(errors, key).Any() ? $" aria-invalid=\"true\" aria-describedby=\"{id}-error\"" : "";

    private static string Described(IReadOnlyDictionary<string, string[]> errors, string key, string errorId)
        => MessagesFor(errors, key).Any() ? $" aria-describedby=\"{errorId}\"" : "";

    private static void ErrorText(StringBuilder body, IReadOnlyDictionary<string, string[]> errors, string key, string errorId)
    {
        var messages = MessagesFor(errors, key).ToList();
        if (messages.Count > 0)
        {
            body.Append("<p class=\"error\" id=\"").Append(errorId).Append("\">").Append(Encode(string.Join(" ", messages))).Append("</p>\n");
        }
    }

    private static void ErrorSummary(StringBuilder body, IReadOnlyDictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
        {
            body.Append("<p class=\"error\" role=\"alert\" id=\"errors\">Please correct the fields marked below.</p>\n");
        }
    }
}
