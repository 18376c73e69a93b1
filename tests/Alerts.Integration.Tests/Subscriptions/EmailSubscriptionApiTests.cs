using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Alerts.Core.Subscriptions;

namespace Alerts.Integration.Tests.Subscriptions;

/// <summary>Subscribe, confirm, manage and unsubscribe through <c>alerts serve</c>, checking what storage and the outbox hold.</summary>
[Collection(SubscriptionsServe.Collection)]
public sealed class EmailSubscriptionApiTests(SubscriptionsServe serve)
{
    private static readonly string[] Tariffs = ["tariffs"];

    [Fact]
    public async Task Double_opt_in_then_manage_then_one_click_unsubscribe()
    {
        var address = Unique();
        using var subscribe = await SubscribeAsync(address);
        Assert.Equal(HttpStatusCode.Accepted, subscribe.StatusCode);
        var pending = await SubscriberRows.EmailAsync(serve.Azurite.ConnectionString, address);
        Assert.Equal(SubscriberStatus.Pending, pending!.Status);
        Assert.Equal((Cadence.Daily, "UTC", 8, "low"), (pending.Cadence, pending.TimeZone, pending.SendHour, pending.MinSeverity));

        var link = Outbox.ConfirmLink(serve.OutboxPath, address);
        var token = Uri.UnescapeDataString(link.Query["?token=".Length..]);
        Assert.Equal(ConfirmTokens.Hash(token), pending.ConfirmTokenHash);
        Assert.InRange(pending.ConfirmTokenExpires!.Value - pending.ConfirmSentAt!.Value, TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1), TimeSpan.FromDays(7));

        using var confirm = new HttpRequestMessage(HttpMethod.Get, link.PathAndQuery);
        confirm.Headers.Accept.ParseAdd("application/json");
        using var confirmed = await serve.Http.SendAsync(confirm);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var body = await confirmed.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("subscription").GetProperty("id").GetString()!;
        var manageToken = body.GetProperty("manageToken").GetString()!;
        Assert.Equal("active", body.GetProperty("subscription").GetProperty("status").GetString());
        Assert.Equal(SubscriberStatus.Active, (await SubscriberRows.EmailAsync(serve.Azurite.ConnectionString, address))!.Status);

        using var read = new HttpRequestMessage(HttpMethod.Get, $"api/subscriptions/{id}");
        read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", manageToken);
        using var readResponse = await serve.Http.SendAsync(read);
        Assert.Equal(HttpStatusCode.OK, readResponse.StatusCode);
        Assert.Equal("daily", (await readResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cadence").GetString());
        var etag = readResponse.Headers.ETag!.ToString();

        using var stale = await PutAsync(id, manageToken, """{"cadence":"weekly"}""", "W/\"datetime'2000-01-01T00%3A00%3A00Z'\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        using var update = await PutAsync(id, manageToken, """{"cadence":"weekly","sendHour":6,"keywords":{"exclude":["football"]}}""", etag);
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        var updated = await SubscriberRows.EmailAsync(serve.Azurite.ConnectionString, address);
        Assert.Equal((Cadence.Weekly, 6, """["football"]"""), (updated!.Cadence, updated.SendHour, updated.KeywordsExclude));

        var unsubscribeUrl = new Uri(body.GetProperty("unsubscribeUrl").GetString()!);
        for (var i = 0; i < 2; i++)
        {
            using var oneClick = await serve.Http.PostAsync(unsubscribeUrl.PathAndQuery, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
            Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        }

        var gone = await SubscriberRows.EmailAsync(serve.Azurite.ConnectionString, address);
        Assert.Equal((SubscriberStatus.Unsubscribed, UnsubscribeService.Reason), (gone!.Status, gone.StatusReason));
        Assert.Single(Outbox.To(serve.OutboxPath, address));
    }

    [Fact]
    public async Task Repeated_requests_send_one_confirmation_and_known_addresses_get_the_same_answer()
    {
        var address = Unique();
        using var first = await SubscribeAsync(address);
        using var second = await SubscribeAsync("  " + address.Replace("@example.com", "@Example.COM", StringComparison.Ordinal) + " ");
        using var unknown = await SubscribeAsync(Unique());

        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
        Assert.Single(Outbox.To(serve.OutboxPath, address));
    }

    [Fact]
    public async Task Validation_failures_are_problem_json_with_an_errors_map()
    {
        using var response = await serve.Http.PostAsync("api/subscriptions", Json("""{"email":"not-an-address","topics":["weather"],"cadence":"hourly","sendHour":25}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal("about:blank", problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        Assert.Equal(["cadence", "email", "sendHour", "topics"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("""{"email":"a@example.com","topics":["tariffs"],"admin":true}""", "admin")]
    [InlineData("""{"email":"a@example.com\r\nBcc: victim@example.org","topics":["tariffs"]}""", "email")]
    [InlineData("""{"email":"a@example.com,victim@example.org","topics":["tariffs"]}""", "email")]
    [InlineData("""{"email":"<script>@example.com","topics":["tariffs"]}""", "email")]
    public async Task Unknown_fields_and_header_injection_are_refused(string body, string field)
    {
        using var response = await serve.Http.PostAsync("api/subscriptions", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Oversized_bodies_are_refused_with_413()
    {
        using var response = await serve.Http.PostAsync("api/subscriptions", Json("{\"email\":\"" + new string('a', 100_000) + "\"}"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("api/subscriptions/confirm?token=0123456789abcdef0123456789abcdef.forged")]
    [InlineData("api/subscriptions/confirm")]
    [InlineData("api/subscriptions/0123456789abcdef0123456789abcdef?token=0123456789abcdef0123456789abcdef.forged")]
    [InlineData("api/unsubscribe?token=0123456789abcdef0123456789abcdef.forged")]
    public async Task Forged_or_missing_tokens_are_refused_without_saying_whether_the_id_exists(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await serve.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task One_click_unsubscribe_needs_the_rfc_8058_body()
    {
        using var response = await serve.Http.PostAsync("api/unsubscribe?token=x", new FormUrlEncodedContent([new("something", "else")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_bare_address_redirects_to_the_page_and_confirm_is_not_taken_for_an_id()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = serve.BaseUrl };

        using var root = await client.GetAsync("/");
        using var confirm = await client.GetAsync("api/subscriptions/confirm?token=x");

        Assert.Equal("/api/ui", root.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, confirm.StatusCode);
        Assert.True(confirm.Headers.Contains("Content-Security-Policy"));
    }

    private Task<HttpResponseMessage> SubscribeAsync(string address)
        => serve.Http.PostAsync("api/subscriptions", Json(JsonSerializer.Serialize(new { email = address, topics = Tariffs })));

    private async Task<HttpResponseMessage> PutAsync(string id, string token, string body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/subscriptions/{id}?token={Uri.EscapeDataString(token)}") { Content = Json(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await serve.Http.SendAsync(request);
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");

    private static string Unique() => $"sub-{Guid.NewGuid():N}@example.com";
}
