using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Alerts.Core.Subscriptions;
using Alerts.Core.Web;

namespace Alerts.Core.Tests.Web;

public sealed partial class SubscriptionPagesTests
{
    private static readonly string[] Topics = ["trade-talks", "tariffs", "rare-earth-export-controls"];

    [Fact]
    public void The_inline_stylesheet_is_exactly_what_the_policy_allows_and_nothing_else_is_allowed()
    {
        var html = SubscriptionPages.Home(Topics, FormState.Defaults([]));
        var style = StyleBlock().Match(html).Groups[1].Value;
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style)));

        Assert.Contains($"style-src 'sha256-{hash}'", PageLayout.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.StartsWith("default-src 'none';", PageLayout.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http", html.Replace("http-equiv", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_form_control_has_a_label()
    {
        var html = SubscriptionPages.Manage(Topics, "0123456789abcdef0123456789abcdef", "token", new Uri("http://127.0.0.1/api/unsubscribe?token=t"), FormState.Defaults(["tariffs"]) with { Email = "a@example.com" }, saved: false);
        var ids = ControlIds().Matches(html).Select(m => m.Groups[1].Value).ToList();

        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.Contains($"<label for=\"{id}\">", html, StringComparison.Ordinal));
    }

    [Fact]
    public void Hostile_text_is_encoded_wherever_it_appears()
    {
        const string hostile = "<script>alert(1)</script>\"'";
        var state = FormState.Defaults([]) with
        {
            Email = hostile,
            TimeZone = hostile,
            Errors = new Dictionary<string, string[]> { ["email"] = [hostile] },
        };

        var pages = new[]
        {
            SubscriptionPages.Home(Topics, state),
            SubscriptionPages.CheckInbox(hostile),
            SubscriptionPages.Unsubscribe(hostile, hostile),
            SubscriptionPages.Unsubscribed(hostile),
            SubscriptionPages.Problem(new ApiProblem(400, hostile, hostile, new Dictionary<string, string[]> { [hostile] = [hostile] })),
        };

        Assert.All(pages, page => Assert.DoesNotContain("<script>", page, StringComparison.Ordinal));
    }

    [Fact]
    public void Field_errors_are_tied_to_their_controls_for_screen_readers()
    {
        var state = FormState.Defaults([]) with { Errors = new Dictionary<string, string[]> { ["email"] = ["Not a valid email address."], ["topics"] = ["Choose at least one topic."] } };

        var html = SubscriptionPages.Home(Topics, state);

        Assert.Contains("aria-invalid=\"true\" aria-describedby=\"field-email-error\"", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"error\" id=\"field-email-error\">Not a valid email address.</p>", html, StringComparison.Ordinal);
        Assert.Contains("<fieldset aria-describedby=\"topics-error\">", html, StringComparison.Ordinal);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_page_links_to_the_status_page()
        => Assert.Contains("href=\"/api/status/page\"", SubscriptionPages.CheckInbox("a@example.com"), StringComparison.Ordinal);

    [Fact]
    public void The_unsubscribe_page_posts_the_one_click_body()
    {
        var html = SubscriptionPages.Unsubscribe("a@example.com", "id.tok+en");

        Assert.Contains("action=\"/api/unsubscribe?token=id.tok%2Ben\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"List-Unsubscribe\" value=\"One-Click\"", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<style>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleBlock();

    [GeneratedRegex("<(?:input|select)(?![^>]*type=\"hidden\")[^>]*id=\"([^\"]+)\"")]
    private static partial Regex ControlIds();
}
