using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Alerts.Integration.Tests.Subscriptions;

/// <summary>Webhook URLs aimed at the service's own network, each refused with 400 by <c>alerts serve</c> with default settings.</summary>
[Collection(SubscriptionsServe.Collection)]
public sealed class HostileWebhookUrlTests(SubscriptionsServe serve)
{
    private static readonly string[] Tariffs = ["tariffs"];

    public static TheoryData<string> HostileUrls => new()
    {
        "http://127.0.0.1/hook",
        "https://127.0.0.1/hook",
        "https://127.0.0.1:7071/api/feeds",
        "http://[::1]/hook",
        "https://[::1]:443/hook",
        "http://169.254.169.254/latest/meta-data/",
        "https://169.254.169.254/metadata/instance?api-version=2021-02-01",
        "https://10.0.0.1/hook",
        "https://172.16.0.1/hook",
        "https://192.168.1.1/hook",
        "https://100.64.0.1/hook",
        "https://0.0.0.0/hook",
        "https://224.0.0.1/hook",
        "https://255.255.255.255/hook",
        "https://2130706433/hook",
        "https://017700000001/hook",
        "https://0177.0.0.1/hook",
        "https://0x7f000001/hook",
        "https://0x7f.0x0.0x0.0x1/hook",
        "https://127.1/hook",
        "http://localhost/hook",
        "https://localhost./hook",
        "https://LOCALHOST/hook",
        "https://api.localhost/hook",
        "https://metadata.google.internal./computeMetadata/v1/",
        "https://[::ffff:127.0.0.1]/hook",
        "https://[::ffff:7f00:1]/hook",
        "https://[::ffff:169.254.169.254]/hook",
        "https://[::127.0.0.1]/hook",
        "https://[64:ff9b::a9fe:a9fe]/hook",
        "https://[fd00::1]/hook",
        "https://[fe80::1]/hook",
        "https://user:password@example.com/hook",
        "https://example.com@127.0.0.1/hook",
        "https://hooks.example.com:443\\@127.0.0.1/",
        "ftp://example.com/hook",
        "file:///etc/passwd",
        "gopher://127.0.0.1:6379/_INFO",
        "javascript:alert(1)",
        "data:text/plain,hello",
        "//example.com/hook",
        "https://does-not-resolve.invalid/hook",
        "https://example.com/" + new string('a', 2100),
    };

    [Theory]
    [MemberData(nameof(HostileUrls))]
    public async Task A_hostile_webhook_url_is_refused_with_400(string url)
    {
        using var response = await serve.Http.PostAsJsonAsync("api/webhooks", new { url, topics = Tariffs });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _));
    }
}
