using System.Net;
using System.Text.Json;
using Alerts.Integration.Tests.Infrastructure;
using Azure.Storage.Queues;

namespace Alerts.Integration.Tests.EndToEnd;

/// <summary>The whole slice through <c>alerts serve</c> against Azurite: poll the sample feeds, classify, digest to the outbox.</summary>
public sealed class PipelineTests(ServeFixture serve) : IClassFixture<ServeFixture>
{
    private const int SampleItems = 17;

    [Fact]
    public async Task Start_up_polls_the_sample_feeds_and_classifies_every_new_item_once()
    {
        await WaitForClassificationAsync();
        var status = await serve.StatusAsync();
        var poll = status.GetProperty("runs").GetProperty("PollFeeds");
        Assert.Equal("succeeded", poll.GetProperty("outcome").GetString());
        Assert.Equal(3, status.GetProperty("feeds").GetProperty("total").GetInt32());
        Assert.Equal(3, status.GetProperty("feeds").GetProperty("healthy").GetInt32());
        var polled = status.GetProperty("feeds").GetProperty("polled").EnumerateArray().ToList();
        Assert.Equal(3, polled.Count);
        Assert.All(polled, f => Assert.Equal(JsonValueKind.String, f.GetProperty("lastPoll").ValueKind));
        Assert.All(polled, f => Assert.Contains("/samples/feeds/", f.GetProperty("url").GetString(), StringComparison.Ordinal));

        var items = status.GetProperty("items24h");
        Assert.True(items.GetProperty("tariffs").GetInt64() >= 5, items.ToString());
        Assert.True(items.GetProperty("rare-earth-export-controls").GetInt64() >= 2, items.ToString());
        Assert.True(items.GetProperty("unmatched").GetInt64() >= 5, items.ToString());
        Assert.Equal(0, status.GetProperty("queues").GetProperty("news-items").GetProperty("depth").GetInt32());
    }

    [Fact]
    public async Task Polling_again_enqueues_nothing_new()
    {
        await WaitForClassificationAsync();
        var before = (await serve.StatusAsync()).GetProperty("runs").GetProperty("PollFeeds").GetProperty("lastStart").GetDateTimeOffset();

        Assert.Equal(HttpStatusCode.Accepted, (await serve.RunFunctionAsync("PollFeeds")).StatusCode);

        JsonElement poll = default;
        await Eventually.Async(
            async () =>
            {
                poll = (await serve.StatusAsync()).GetProperty("runs").GetProperty("PollFeeds");
                return poll.GetProperty("lastStart").GetDateTimeOffset() > before && poll.GetProperty("outcome").GetString() == "succeeded";
            },
            TimeSpan.FromSeconds(30),
            () => "second poll did not finish: " + poll);
        Assert.Equal(0, poll.GetProperty("itemsNew").GetInt32());
    }

    [Fact]
    public async Task A_subscriber_added_with_the_cli_gets_a_digest_of_matching_items_in_the_outbox()
    {
        await WaitForClassificationAsync();
        var (exit, output) = await CliProcess.RunAsync(serve.WorkingDirectory, serve.Environment, TimeSpan.FromSeconds(60), "subscribers", "add", "Rare@Example.ORG", "--topics", "rare-earth-export-controls", "--cadence", "immediate");
        Assert.True(exit == 0, output);

        Assert.Equal(HttpStatusCode.Accepted, (await serve.RunFunctionAsync("SendDigests")).StatusCode);

        var mail = await WaitForMailToAsync("Rare@example.org");
        Assert.Contains("Beijing widens rare-earth export controls", mail, StringComparison.Ordinal);
        Assert.Contains("gallium, germanium and antimony", mail, StringComparison.Ordinal);
        Assert.DoesNotContain("feed-in tariff", mail, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("100% tariff", mail, StringComparison.Ordinal);
        Assert.Contains("Subject: 2 new trade-policy alerts", mail, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.ChangeExtension(MailFileTo("Rare@example.org"), ".html")));
    }

    [Fact]
    public async Task The_sample_subscriber_gets_one_digest_and_a_second_run_sends_nothing_more()
    {
        await WaitForClassificationAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await serve.RunFunctionAsync("SendDigests")).StatusCode);
        var mail = await WaitForMailToAsync("sample@example.com");
        Assert.Contains("Washington threatens additional 100% tariff", mail, StringComparison.Ordinal);
        Assert.DoesNotContain("rooftop solar", mail, StringComparison.Ordinal);
        Assert.DoesNotContain("wage talks", mail, StringComparison.Ordinal);

        // The mail file is written before the job finishes and counts the send: wait for the job to be done.
        await WaitForQueueToDrainAsync("digest-jobs");
        var sentBefore = (await serve.StatusAsync()).GetProperty("deliveries24h").GetProperty("emailSent").GetInt64();
        Assert.Equal(HttpStatusCode.Accepted, (await serve.RunFunctionAsync("SendDigests")).StatusCode);
        await WaitForQueueToDrainAsync("digest-jobs");
        Assert.Equal(sentBefore, (await serve.StatusAsync()).GetProperty("deliveries24h").GetProperty("emailSent").GetInt64());
        Assert.Single(MailFilesTo("sample@example.com"));
    }

    [Fact]
    public async Task A_message_that_always_fails_lands_in_the_poison_queue_after_five_dequeues()
    {
        var queue = new QueueClient(serve.Azurite.ConnectionString, "news-items", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("{\"not\":\"a news item\"");
        var poison = new QueueClient(serve.Azurite.ConnectionString, "news-items-poison", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

        string? body = null;
        await Eventually.Async(
            async () =>
            {
                if (!await poison.ExistsAsync())
                {
                    return false;
                }

                var peeked = (await poison.PeekMessagesAsync(10)).Value;
                body = peeked.FirstOrDefault(m => m.Body.ToString().Contains("a news item", StringComparison.Ordinal))?.Body.ToString();
                return body is not null;
            },
            TimeSpan.FromSeconds(60),
            () => "message never reached news-items-poison:\n" + serve.ServeOutput);
        Assert.Equal("{\"not\":\"a news item\"", body);
        Assert.Equal(5, serve.ServeOutput.Split('\n').Count(l => l.Contains("Executed 'ClassifyItem' (failed", StringComparison.Ordinal)));

        var status = await serve.StatusAsync();
        Assert.Equal("degraded", status.GetProperty("status").GetString());
        Assert.True(status.GetProperty("queues").GetProperty("news-items").GetProperty("poison").GetInt32() >= 1);
    }

    [Fact]
    public async Task Health_answers_json_and_the_admin_api_needs_the_master_key()
    {
        var health = await serve.Http.GetAsync("api/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("application/json", health.Content.Headers.ContentType?.MediaType);

        var anonymous = await serve.Http.PostAsync("admin/functions/PollFeeds", null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);

        using var wrongKey = new HttpRequestMessage(HttpMethod.Post, "admin/functions/PollFeeds?code=wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, (await serve.Http.SendAsync(wrongKey)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await serve.RunFunctionAsync("NoSuchFunction")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await serve.RunFunctionAsync("ClassifyItem")).StatusCode);
    }

    [Fact]
    public async Task Sample_feeds_are_served_by_the_runner()
    {
        var response = await serve.Http.GetAsync("samples/feeds/markets-daily.atom");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<feed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task WaitForClassificationAsync()
        => await Eventually.Async(
            async () =>
            {
                var status = await serve.StatusAsync();
                var items = status.GetProperty("items24h");
                var classified = items.EnumerateObject().Sum(p => p.Value.GetInt64());
                return status.GetProperty("runs").TryGetProperty("PollFeeds", out var poll)
                    && poll.GetProperty("outcome").GetString() == "succeeded"
                    && classified >= SampleItems;
            },
            TimeSpan.FromSeconds(60),
            () => "sample items were not all classified:\n" + serve.ServeOutput);

    private async Task WaitForQueueToDrainAsync(string name)
        => await Eventually.Async(
            async () => (await serve.StatusAsync()).GetProperty("queues").GetProperty(name).GetProperty("depth").GetInt32() == 0,
            TimeSpan.FromSeconds(30),
            () => name + " did not drain");

    private async Task<string> WaitForMailToAsync(string address)
    {
        await Eventually.Async(
            () => Task.FromResult(MailFilesTo(address).Count > 0),
            TimeSpan.FromSeconds(30),
            () => $"no mail to {address} in {serve.OutboxPath}:\n" + serve.ServeOutput);
        return await File.ReadAllTextAsync(MailFileTo(address));
    }

    private string MailFileTo(string address) => MailFilesTo(address).Single();

    private List<string> MailFilesTo(string address)
        => !Directory.Exists(serve.OutboxPath)
            ? []
            : Directory.GetFiles(serve.OutboxPath, "*.eml").Where(f => File.ReadAllText(f).Contains("To: " + address, StringComparison.Ordinal)).ToList();
}
