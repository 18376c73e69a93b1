using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Alerts.Integration.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Alerts.Integration.Tests.Feeds;

/// <summary>The feed management API through <c>alerts serve</c>, with feeds on a local server.</summary>
public sealed class FeedsApiTests(ServeFixture serve) : IClassFixture<ServeFixture>, IAsyncLifetime
{
    private LocalHttpServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await LocalHttpServer.StartAsync();
        _server.Route("/feed.xml", context => context.Response.WriteAsync(FeedDocuments.Simple("Api wire")));
        _server.Route("/other.xml", context => context.Response.WriteAsync(FeedDocuments.Simple("Other wire")));
        _server.Route("/page.html", context => context.Response.WriteAsync("<!DOCTYPE html><html><body><p>Hello</p></body></html>"));
        _server.Route("/moved.xml", context =>
        {
            context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
            context.Response.Headers.Location = "/other.xml";
            return Task.CompletedTask;
        });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_feed_is_added_listed_with_health_and_deleted()
    {
        using var created = await SendAsync(HttpMethod.Post, "api/feeds", JsonContent.Create(new { url = _server.Url("/feed.xml") }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var feed = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = feed.GetProperty("id").GetString()!;
        Assert.Equal("Api wire", feed.GetProperty("title").GetString());

        using var again = await SendAsync(HttpMethod.Post, "api/feeds", JsonContent.Create(new { url = _server.Url("/feed.xml") }));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        var listed = await ListAsync();
        var row = listed.Single(f => f.GetProperty("id").GetString() == id);
        Assert.Equal(0, row.GetProperty("consecutiveFailures").GetInt32());
        Assert.False(row.GetProperty("paused").GetBoolean());
        Assert.False(row.GetProperty("gone").GetBoolean());
        Assert.True(row.TryGetProperty("lastError", out _));

        using var deleted = await SendAsync(HttpMethod.Delete, $"api/feeds/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.DoesNotContain(await ListAsync(), f => f.GetProperty("id").GetString() == id);

        using var missing = await SendAsync(HttpMethod.Delete, $"api/feeds/{id}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_permanently_redirected_feed_is_stored_under_its_new_url()
    {
        using var created = await SendAsync(HttpMethod.Post, "api/feeds", JsonContent.Create(new { url = _server.Url("/moved.xml") }));

        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        Assert.Equal(_server.Url("/other.xml").ToString(), (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString());
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"url":"PAGE"}""", "is not a usable feed" },
        { """{"url":"file:///etc/passwd"}""", "absolute http or https URL" },
        { """{"url":"http://user:secret@example.org/feed"}""", "user name or password" },
        { """{"url":""}""", "A feed URL is required" },
        { """{}""", "A feed URL is required" },
        { """not json""", "The body must be JSON" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_url_that_is_not_a_feed_is_refused_with_problem_details_and_the_reason(string body, string reason)
    {
        var json = body.Replace("PAGE", _server.Url("/page.html").ToString(), StringComparison.Ordinal);
        using var response = await SendAsync(HttpMethod.Post, "api/feeds", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("type").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(reason, problem.GetProperty("errors").GetProperty("url")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_feed_endpoints_need_the_function_key()
    {
        foreach (var (method, path) in new[] { (HttpMethod.Get, "api/feeds"), (HttpMethod.Post, "api/feeds"), (HttpMethod.Delete, "api/feeds/x"), (HttpMethod.Get, "api/feeds/opml"), (HttpMethod.Post, "api/feeds/opml") })
        {
            using var response = await serve.Http.SendAsync(new HttpRequestMessage(method, path));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public async Task Opml_import_registers_the_valid_feeds_and_export_lists_them()
    {
        var opml = $"""
            <?xml version="1.0"?>
            <opml version="2.0"><head><title>Mine</title></head><body>
              <outline text="Folder">
                <outline type="rss" text="Imported one" xmlUrl="{_server.Url("/import-1.xml")}" />
                <outline type="rss" text="Imported &lt;b&gt;two&lt;/b&gt;" xmlUrl="{_server.Url("/import-2.xml")}" />
              </outline>
              <outline type="rss" text="Bad" xmlUrl="javascript:alert(1)" />
            </body></opml>
            """;
        using var imported = await SendAsync(HttpMethod.Post, "api/feeds/opml", new StringContent(opml, Encoding.UTF8, "text/x-opml"));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var result = await imported.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, result.GetProperty("added").GetInt32());
        Assert.Contains("javascript:alert(1)", Assert.Single(result.GetProperty("rejected").EnumerateArray()).GetString(), StringComparison.Ordinal);

        using var exported = await SendAsync(HttpMethod.Get, "api/feeds/opml");
        Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
        var text = await exported.Content.ReadAsStringAsync();
        Assert.Contains($"xmlUrl=\"{_server.Url("/import-1.xml")}\"", text, StringComparison.Ordinal);
        Assert.Contains("Imported &lt;b&gt;two&lt;/b&gt;", text, StringComparison.Ordinal);
        Assert.Contains("/samples/feeds/", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><opml version="2.0"><body><outline xmlUrl="&xxe;"/></body></opml>""", "DTD")]
    [InlineData("""<rss version="2.0"><channel><title>Not OPML</title></channel></rss>""", "not <opml>")]
    [InlineData("garbage", "Not readable OPML")]
    public async Task A_body_that_is_not_opml_is_refused(string body, string reason)
    {
        using var response = await SendAsync(HttpMethod.Post, "api/feeds/opml", new StringContent(body, Encoding.UTF8, "text/xml"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(reason, problem.GetProperty("errors").GetProperty("opml")[0].GetString(), StringComparison.Ordinal);
    }

    private async Task<List<JsonElement>> ListAsync()
    {
        using var response = await SendAsync(HttpMethod.Get, "api/feeds");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("feeds").EnumerateArray().ToList();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("x-functions-key", ServeFixture.AdminKey);
        return await serve.Http.SendAsync(request);
    }
}
