using Alerts.Core.Subscriptions;
using Alerts.Integration.Tests.Infrastructure;
using Alerts.Integration.Tests.Subscriptions;
using Microsoft.Playwright;

namespace Alerts.Integration.Tests.Browser;

/// <summary>The web pages in real Chromium against <c>alerts serve</c>: subscribe, confirm from the outbox link, change cadence, unsubscribe.</summary>
public sealed class SubscriptionPagesBrowserTests(Chromium chromium, ServeFixture serve) : IClassFixture<Chromium>, IClassFixture<ServeFixture>
{
    [Fact]
    public async Task A_person_subscribes_confirms_changes_cadence_and_unsubscribes_in_the_browser()
    {
        var page = await chromium.NewPageAsync();
        var policyViolations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                policyViolations.Add(message.Text);
            }
        };
        var address = $"browser-{Guid.NewGuid():N}@example.com";

        var home = await page.GotoAsync(serve.BaseUrl.ToString());
        Assert.EndsWith("/api/ui", page.Url, StringComparison.Ordinal);
        Assert.StartsWith("default-src 'none'", home!.Headers["content-security-policy"], StringComparison.Ordinal);
        await page.GetByLabel("Tariffs").CheckAsync();
        await page.GetByLabel("How often").SelectOptionAsync(Cadence.Daily);
        await page.GetByLabel("Email address").FillAsync(address);
        await page.GetByLabel("Email address").PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your inbox" })).ToBeVisibleAsync();
        Assert.Equal(SubscriberStatus.Pending, (await Row(address))!.Status);

        await page.GotoAsync(Outbox.ConfirmLink(serve.OutboxPath, address).ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Subscription confirmed" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#subscription-id")).ToHaveTextAsync(SubscriberStore.EmailSubscriberId(address));
        Assert.Equal(SubscriberStatus.Active, (await Row(address))!.Status);

        await page.GetByRole(AriaRole.Link, new() { Name = "Manage your subscription" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("How often")).ToHaveValueAsync(Cadence.Daily);
        await page.GetByLabel("How often").SelectOptionAsync(Cadence.Weekly);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save preferences" }).ClickAsync();
        await Assertions.Expect(page.Locator("#saved")).ToHaveTextAsync("Your preferences are saved.");
        await Assertions.Expect(page.GetByLabel("How often")).ToHaveValueAsync(Cadence.Weekly);
        Assert.Equal(Cadence.Weekly, (await Row(address))!.Cadence);

        await page.GetByRole(AriaRole.Link, new() { Name = "Unsubscribe" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Unsubscribe" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You are unsubscribed" })).ToBeVisibleAsync();
        Assert.Equal(SubscriberStatus.Unsubscribed, (await Row(address))!.Status);
        Assert.Empty(policyViolations);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Mistakes_in_the_form_are_shown_next_to_their_fields()
    {
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(new Uri(serve.BaseUrl, "api/ui").ToString());

        await page.GetByLabel("Email address").FillAsync("not an address");
        await page.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Please correct the fields");
        await Assertions.Expect(page.GetByLabel("Email address")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#field-email-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#topics-error")).ToHaveTextAsync("Choose at least one topic.");
        await Assertions.Expect(page.GetByLabel("Email address")).ToHaveValueAsync("not an address");
        await page.Context.CloseAsync();
    }

    private Task<SubscriberEntity?> Row(string address) => SubscriberRows.EmailAsync(serve.Azurite.ConnectionString, address);
}
