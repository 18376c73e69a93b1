using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Alerts.Cli.Commands;

namespace Alerts.Core.Tests.Feeds;

/// <summary><c>alerts feeds parse</c> through the command line parser, on fixtures and on a real HTTP listener.</summary>
public class FeedsCommandTests
{
    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var root = new RootCommand { FeedsCommand.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Json_output_has_exactly_the_documented_shape()
    {
        var (exit, output, error) = await RunAsync("feeds", "parse", FeedFixtures.PathOf("json-feed-1.1.json"), "--json");

        Assert.Equal((0, ""), (exit, error));
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(["format", "title", "link", "items"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("json1.1", root.GetProperty("format").GetString());
        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.All(items, item => Assert.Equal(
            ["id", "title", "link", "published", "updated", "summary", "content", "authors", "categories"],
            item.EnumerateObject().Select(p => p.Name)));
        Assert.Equal("2025-11-03T20:04:05Z", items[0].GetProperty("published").GetString());
        Assert.Equal(["Jane Roe", "https://example.org/desk"], items[0].GetProperty("authors").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(JsonValueKind.Null, items[1].GetProperty("published").ValueKind);
        Assert.Equal(JsonValueKind.Null, items[1].GetProperty("link").ValueKind);
    }

    [Fact]
    public async Task Without_json_it_prints_a_readable_summary()
    {
        var (exit, output, _) = await RunAsync("feeds", "parse", FeedFixtures.PathOf("date-variants.xml"));

        Assert.Equal(0, exit);
        Assert.StartsWith("Dates [rss2.0]", output, StringComparison.Ordinal);
        Assert.Contains("14 items", output, StringComparison.Ordinal);
        Assert.Contains("1. rfc822", output, StringComparison.Ordinal);
        Assert.Contains("2025-11-03 15:04 UTC", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("html-page.html", "looks like an HTML page")]
    [InlineData("billion-laughs.xml", "DTDs are not allowed")]
    [InlineData("no-such-file.xml", "no-such-file.xml")]
    public async Task A_bad_file_is_one_line_on_stderr_and_exit_1(string file, string reason)
    {
        var (exit, output, error) = await RunAsync("feeds", "parse", FeedFixtures.PathOf(file));

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.StartsWith("alerts feeds parse: ", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task A_url_is_fetched_with_its_charset_and_relative_links_resolve_against_it()
    {
        using var server = FeedServer.Start(
            ("/feeds/latin1.xml", "text/xml; charset=ISO-8859-1", File.ReadAllBytes(FeedFixtures.PathOf("no-declaration-latin1.xml"))),
            ("/feeds/relative.xml", "application/rss+xml", File.ReadAllBytes(FeedFixtures.PathOf("relative-links.xml"))));

        var latin1 = await RunAsync("feeds", "parse", server.Url + "feeds/latin1.xml", "--json");
        var relative = await RunAsync("feeds", "parse", server.Url + "feeds/relative.xml", "--json");

        Assert.Equal((0, ""), (latin1.Exit, latin1.Error));
        Assert.Equal("Zürich - item", JsonDocument.Parse(latin1.Output).RootElement.GetProperty("items")[0].GetProperty("title").GetString());
        Assert.Equal((0, ""), (relative.Exit, relative.Error));
        Assert.Equal(server.Url + "news/2025/one.html", JsonDocument.Parse(relative.Output).RootElement.GetProperty("items")[0].GetProperty("link").GetString());
    }

    [Fact]
    public async Task A_url_that_answers_an_error_is_one_line_on_stderr_and_exit_1()
    {
        using var server = FeedServer.Start(("/feed.xml", "text/xml", "<rss/>"u8.ToArray()));

        var (exit, _, error) = await RunAsync("feeds", "parse", server.Url + "missing.xml");

        Assert.Equal(1, exit);
        Assert.Contains("HTTP 404", error, StringComparison.Ordinal);
    }

    /// <summary>An HTTP server on 127.0.0.1 answering fixed routes; every other path is 404.</summary>
    private sealed class FeedServer : IDisposable
    {
        private readonly HttpListener listener = new();

        private FeedServer(int port) => Url = $"http://127.0.0.1:{port}/";

        public string Url { get; }

        public static FeedServer Start(params (string Path, string ContentType, byte[] Body)[] routes)
        {
            var server = new FeedServer(FreePort());
            server.listener.Prefixes.Add(server.Url);
            server.listener.Start();
            _ = Task.Run(async () =>
            {
                while (server.listener.IsListening)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await server.listener.GetContextAsync();
                    }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                    {
                        return;
                    }

                    var route = routes.FirstOrDefault(r => r.Path == context.Request.Url?.AbsolutePath);
                    if (route.Body is not null)
                    {
                        context.Response.ContentType = route.ContentType;
                        await context.Response.OutputStream.WriteAsync(route.Body);
                    }
                    else
                    {
                        context.Response.StatusCode = 404;
                    }

                    context.Response.Close();
                }
            });
            return server;
        }

        public void Dispose() => listener.Close();

        private static int FreePort()
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            return ((IPEndPoint)probe.LocalEndpoint).Port;
        }
    }
}
