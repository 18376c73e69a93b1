using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Alerts.Integration.Tests.Infrastructure;

namespace Alerts.Integration.Tests.Delivery;

/// <summary><c>GET /api/alerts</c> and <c>GET /api/alerts.atom</c> through <c>alerts serve</c>, over the sample feeds it polls at start.</summary>
public sealed class AlertsApiTests(ServeFixture serve) : IClassFixture<ServeFixture>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task Lists_stored_alerts_newest_first_with_the_webhook_fields()
    {
        var alerts = await AlertsAsync("api/alerts");

        Assert.True(alerts.Count >= 5, $"{alerts.Count} alerts");
        var discovered = alerts.Select(a => a.GetProperty("discoveredAt").GetDateTimeOffset()).ToList();
        Assert.Equal(discovered.OrderDescending(), discovered);
        var first = alerts[0];
        foreach (var field in new[] { "id", "title", "summary", "link", "source", "discoveredAt", "topics", "severity", "matches", "entities", "figures" })
        {
            Assert.True(first.TryGetProperty(field, out _), $"missing {field}: {first}");
        }
    }

    [Fact]
    public async Task Filters_by_topic_and_limits()
    {
        var rareEarths = await AlertsAsync("api/alerts?topic=rare-earth-export-controls");
        var one = await AlertsAsync("api/alerts?limit=1");
        var future = await AlertsAsync($"api/alerts?since={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"))}");

        Assert.NotEmpty(rareEarths);
        Assert.All(rareEarths, a => Assert.Contains("rare-earth-export-controls", a.GetProperty("topics").EnumerateArray().Select(t => t.GetString())));
        Assert.Single(one);
        Assert.Empty(future);
    }

    [Fact]
    public async Task Bad_queries_are_answered_with_problem_details_per_parameter()
    {
        using var response = await AwaitServeAsync("api/alerts?topic=sports&limit=0&since=yesterday");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("type").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("detail").GetString()));
        Assert.Equal(["limit", "since", "topic"], problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task The_atom_feed_holds_the_same_alerts()
    {
        var alerts = await AlertsAsync("api/alerts?topic=tariffs");
        using var response = await AwaitServeAsync("api/alerts.atom?topic=tariffs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        var entries = feed.Elements(Atom + "entry").ToList();
        Assert.Equal(alerts.Select(a => "urn:alerts:alert:" + a.GetProperty("id").GetString()), entries.Select(e => e.Element(Atom + "id")!.Value));
        Assert.Equal(alerts.Select(a => a.GetProperty("title").GetString()), entries.Select(e => e.Element(Atom + "title")!.Value));
        Assert.Contains("/api/alerts.atom?topic=tariffs", feed.Element(Atom + "id")!.Value, StringComparison.Ordinal);
    }

    private async Task<List<JsonElement>> AlertsAsync(string path)
    {
        using var response = await AwaitServeAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("alerts").EnumerateArray().Select(a => a.Clone()).ToList();
    }

    /// <summary>Waits until the start-up poll's items are classified, then asks.</summary>
    private async Task<HttpResponseMessage> AwaitServeAsync(string path)
    {
        await Eventually.Async(
            async () => (await serve.StatusAsync()).GetProperty("items24h").GetProperty("tariffs").GetInt64() >= 5
                && (await serve.StatusAsync()).GetProperty("queues").GetProperty("news-items").GetProperty("depth").GetInt32() == 0,
            TimeSpan.FromSeconds(60),
            () => "the sample items were not classified:\n" + serve.ServeOutput);
        return await serve.Http.GetAsync(path);
    }
}
