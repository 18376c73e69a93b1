using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Alerts.Core.Subscriptions;
using Alerts.Integration.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;

namespace Alerts.Integration.Tests.Subscriptions;

/// <summary>Register, test, rotate and delete a webhook through <c>alerts serve</c>, against a receiver on 127.0.0.1 that verifies signatures.</summary>
public sealed class WebhookApiTests(InsecureWebhooksServe serve) : IClassFixture<InsecureWebhooksServe>, IAsyncLifetime
{
    private static readonly string[] Tariffs = ["tariffs"];
    private static readonly string[] TariffsAndTalks = ["tariffs", "trade-talks"];

    private LocalHttpServer _receiver = null!;

    public async Task InitializeAsync() => _receiver = await LocalHttpServer.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task A_registered_webhook_receives_signed_test_events_until_its_secret_is_rotated_and_it_is_deleted()
    {
        var secrets = new List<string>();
        var verdicts = new List<bool>();
        _receiver.Route("/hook", async context =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            var verified = secrets.Count > 0 && Verifies(secrets[^1], body, context.Request.Headers);
            verdicts.Add(verified);
            context.Response.StatusCode = verified ? StatusCodes.Status204NoContent : StatusCodes.Status401Unauthorized;
        });

        using var create = await serve.Http.PostAsJsonAsync("api/webhooks", new { url = _receiver.Url("hook").ToString(), topics = TariffsAndTalks, description = "ops channel" });
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var created = await create.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString()!;
        var token = created.GetProperty("manageToken").GetString()!;
        var secret = created.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        Assert.EndsWith($"/api/webhooks/{id}", create.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        var stored = await SubscriberRows.FindAsync(serve.Azurite.ConnectionString, SubscriberEntity.WebhookPartition, id);
        Assert.Equal((SubscriberStatus.Active, "tariffs,trade-talks", "ops channel", secret), (stored!.Status, stored.Topics, stored.Description, stored.WebhookSecret));

        secrets.Add(secret);
        var test = await PostAsync($"api/webhooks/{id}/test", token);
        Assert.True(test.GetProperty("delivered").GetBoolean());
        Assert.Equal(204, test.GetProperty("statusCode").GetInt32());
        using (var payload = JsonDocument.Parse(_receiver.Requests.Last(r => r.Path == "/hook").Body))
        {
            Assert.Equal(WebhookService.TestEventType, payload.RootElement.GetProperty("type").GetString());
            Assert.Equal(id, payload.RootElement.GetProperty("data").GetProperty("webhookId").GetString());
        }

        var rotated = await PostAsync($"api/webhooks/{id}/rotate-secret", token);
        var newSecret = rotated.GetProperty("secret").GetString()!;
        Assert.NotEqual(secret, newSecret);
        Assert.False((await PostAsync($"api/webhooks/{id}/test", token)).GetProperty("delivered").GetBoolean());
        secrets.Add(newSecret);
        Assert.True((await PostAsync($"api/webhooks/{id}/test", token)).GetProperty("delivered").GetBoolean());
        Assert.Equal([true, false, true], verdicts);

        using var forged = await SendAsync(HttpMethod.Delete, $"api/webhooks/{id}", token[..^2] + "xx");
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        using var deleted = await SendAsync(HttpMethod.Delete, $"api/webhooks/{id}", token);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Null(await SubscriberRows.FindAsync(serve.Azurite.ConnectionString, SubscriberEntity.WebhookPartition, id));
        using var afterDelete = await SendAsync(HttpMethod.Post, $"api/webhooks/{id}/test", token);
        Assert.Equal(HttpStatusCode.Forbidden, afterDelete.StatusCode);
    }

    [Fact]
    public async Task A_manage_token_works_only_for_its_own_webhook()
    {
        var first = await CreateAsync();
        var second = await CreateAsync();

        using var crossed = await SendAsync(HttpMethod.Post, $"api/webhooks/{second.Id}/rotate-secret", first.Token);
        using var viaQuery = await serve.Http.PostAsync($"api/webhooks/{first.Id}/rotate-secret?token={Uri.EscapeDataString(first.Token)}", null);

        Assert.Equal(HttpStatusCode.Forbidden, crossed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, viaQuery.StatusCode);
    }

    [Fact]
    public async Task Subscribing_one_address_too_often_answers_429_with_retry_after()
    {
        var address = $"limit-{Guid.NewGuid():N}@example.com";
        for (var i = 0; i < InsecureWebhooksServe.SubscribePerAddress; i++)
        {
            using var allowed = await serve.Http.PostAsJsonAsync("api/subscriptions", new { email = address, topics = Tariffs });
            Assert.Equal(HttpStatusCode.Accepted, allowed.StatusCode);
        }

        using var limited = await serve.Http.PostAsJsonAsync("api/subscriptions", new { email = address, topics = Tariffs });

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType!.MediaType);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
    }

    private async Task<(string Id, string Token)> CreateAsync()
    {
        using var create = await serve.Http.PostAsJsonAsync("api/webhooks", new { url = _receiver.Url("other").ToString(), topics = Tariffs });
        var created = await create.Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("id").GetString()!, created.GetProperty("manageToken").GetString()!);
    }

    private async Task<JsonElement> PostAsync(string path, string token)
    {
        using var response = await SendAsync(HttpMethod.Post, path, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await serve.Http.SendAsync(request);
    }

    private static bool Verifies(string secret, string body, IHeaderDictionary headers)
    {
        try
        {
            new StandardWebhook(secret).Verify(body, headers);
            return true;
        }
        catch (StandardWebhooks.Diagnostics.WebhookVerificationException)
        {
            return false;
        }
    }
}
