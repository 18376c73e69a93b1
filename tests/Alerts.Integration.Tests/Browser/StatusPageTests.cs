using System.Text.Json;
using Alerts.Integration.Tests.Infrastructure;
using Alerts.Integration.Tests.Status;

namespace Alerts.Integration.Tests.Browser;

/// <summary>The status page in Chromium: the same numbers as the JSON, its own style allowed by the policy, a chart with words and a table.</summary>
public sealed class StatusPageTests(ServeFixture serve, Chromium chromium) : IClassFixture<ServeFixture>, IClassFixture<Chromium>
{
    [Fact]
    public async Task The_page_shows_the_same_numbers_as_the_json()
    {
        await QuietAsync();
        var page = await chromium.NewPageAsync();
        Dictionary<string, string> shown = [];
        JsonElement json = default;

        // The pipeline may still move between two reads; compare a page read between two equal JSON reads.
        await Eventually.Async(
            async () =>
            {
                var before = await serve.StatusAsync();
                await page.GotoAsync(new Uri(serve.BaseUrl, "api/status/page").ToString());
                shown = await FieldsAsync(page);
                json = await serve.StatusAsync();
                return StatusJson.WithoutCheckedAt(before) == StatusJson.WithoutCheckedAt(json);
            },
            TimeSpan.FromSeconds(30),
            () => "status kept changing");

        Assert.True(shown.Count >= 25, $"only {shown.Count} fields on the page");
        Assert.All(shown, field => Assert.Equal(StatusJson.At(json, field.Key), field.Value));
        Assert.Equal("ok", shown["status"]);
        Assert.Equal("3", shown["feeds.total"]);
        Assert.Contains(shown.Keys, k => k.StartsWith("items24h.", StringComparison.Ordinal));
        Assert.Contains(shown.Keys, k => k.StartsWith("subscribers.webhook.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_chart_has_a_text_alternative_and_a_table_whose_last_day_adds_up_to_items24h()
    {
        await QuietAsync();
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(new Uri(serve.BaseUrl, "api/status/page").ToString());
        var json = await serve.StatusAsync();

        var chart = page.Locator("svg.chart");
        Assert.Equal("img", await chart.GetAttributeAsync("role"));
        Assert.StartsWith("Items per hour per topic, last 48 hours", await chart.Locator("title").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("tariffs:", await chart.Locator("desc").TextContentAsync(), StringComparison.Ordinal);
        var topics = json.GetProperty("items24h").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(topics.Count, await chart.Locator("polyline.series").CountAsync());

        var headers = await page.Locator(".hourly thead th").AllTextContentsAsync();
        Assert.Equal(["Hour", .. topics], headers);
        var rows = page.Locator(".hourly tbody tr");
        Assert.Equal(48, await rows.CountAsync());
        for (var t = 0; t < topics.Count; t++)
        {
            var lastDay = 0L;
            for (var r = 0; r < 24; r++)
            {
                lastDay += long.Parse(await rows.Nth(r).Locator("td").Nth(t).TextContentAsync() ?? "", System.Globalization.CultureInfo.InvariantCulture);
            }

            Assert.Equal(json.GetProperty("items24h").GetProperty(topics[t]).GetInt64(), lastDay);
        }
    }

    [Fact]
    public async Task The_policy_is_strict_yet_the_page_is_styled_with_no_violations_and_refreshes_itself()
    {
        var page = await chromium.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Add(message.Text);
            }
        };

        var response = await page.GotoAsync(new Uri(serve.BaseUrl, "api/status/page").ToString());

        var headers = await response!.AllHeadersAsync();
        Assert.StartsWith("default-src 'none'; style-src 'sha256-", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.StartsWith("text/html", headers["content-type"], StringComparison.Ordinal);
        Assert.Equal("30", (await page.Locator("meta[http-equiv=refresh]").GetAttributeAsync("content"))?.Split(';')[0]);

        // The inline style applied: the overall banner has its border, which only the hashed style sets.
        var border = await page.Locator(".overall").EvaluateAsync<string>("e => getComputedStyle(e).borderTopStyle");
        Assert.Equal("solid", border);
        Assert.Empty(problems);
    }

    private static async Task<Dictionary<string, string>> FieldsAsync(Microsoft.Playwright.IPage page)
    {
        var fields = await page.Locator("[data-field]").EvaluateAllAsync<string[][]>("els => els.map(e => [e.dataset.field, e.textContent])");
        return fields.ToDictionary(f => f[0], f => f[1]);
    }

    private async Task QuietAsync()
        => await Eventually.Async(
            async () =>
            {
                var status = await serve.StatusAsync();
                return StatusJson.ClassifiedItems(status) >= 17
                    && status.GetProperty("queues").EnumerateObject().All(q => q.Value.GetProperty("depth").GetInt32() == 0);
            },
            TimeSpan.FromSeconds(60),
            () => "the pipeline did not settle:\n" + serve.ServeOutput);
}
