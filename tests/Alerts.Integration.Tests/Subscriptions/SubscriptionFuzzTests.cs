using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace Alerts.Integration.Tests.Subscriptions;

/// <summary>
/// Thousands of random and malformed requests against every subscription endpoint of <c>alerts serve</c>; none may
/// answer 5xx. The generator is seeded, so a failure reproduces with the same requests.
/// </summary>
[Collection(SubscriptionsServe.Collection)]
public sealed class SubscriptionFuzzTests(SubscriptionsServe serve, ITestOutputHelper output)
{
    private const int Seed = 20261129;
    private const int Requests = 5000;

    private static readonly string[] Keys = ["email", "topics", "cadence", "timeZone", "sendHour", "minSeverity", "keywords", "include", "exclude", "countries", "url", "description", "List-Unsubscribe", "id", "token"];
    private static readonly string[] Words = ["tariffs", "trade-talks", "rare-earth-export-controls", "daily", "weekly", "immediate", "high", "UTC", "Europe/Berlin", "One-Click", "a@example.com", "https://example.com/hook", "http://127.0.0.1/", "\r\nBcc: x@example.org", "<script>", "%00", "\u202e", "😀"];
    private static readonly string[] Accepts = ["application/json", "text/html", "*/*", ""];
    private static readonly string?[] ContentTypes = ["application/json", "application/json", "application/json; charset=utf-16", "application/problem+json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz", "multipart/form-data", null];

    [Fact]
    public async Task Random_and_malformed_bodies_never_get_a_server_error()
    {
        var random = new Random(Seed);
        var requests = Enumerable.Range(0, Requests).Select(_ => NextRequest(random)).ToList();
        var statuses = new ConcurrentDictionary<int, int>();
        var failures = new ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();

        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (fuzz, cancellationToken) =>
        {
            using var request = new HttpRequestMessage(fuzz.Method, fuzz.Path);
            if (fuzz.Body is not null)
            {
                request.Content = new ByteArrayContent(fuzz.Body);
                request.Content.Headers.TryAddWithoutValidation("Content-Type", fuzz.ContentType);
            }

            request.Headers.TryAddWithoutValidation("Accept", fuzz.Accept);
            using var response = await serve.Http.SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            if (status >= 500)
            {
                failures.Enqueue($"{fuzz.Method} {Shorten(fuzz.Path)} [{fuzz.ContentType}] {Shorten(Encoding.UTF8.GetString(fuzz.Body ?? []))} -> {status}");
            }
        });

        output.WriteLine($"{Requests} requests in {clock.Elapsed.TotalSeconds:0.0} s (seed {Seed}): " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(10)) + "\n" + serve.ServeOutput[^Math.Min(serve.ServeOutput.Length, 4000)..]);
        Assert.True(statuses.Keys.Count(s => s is >= 400 and < 500) >= 4, "the generator should reach several kinds of refusal");
    }

    private static FuzzRequest NextRequest(Random random)
    {
        var id = random.Next(3) == 0 ? RandomText(random, random.Next(0, 40)) : Convert.ToHexStringLower(random.GetItems<byte>(new byte[256].Select((_, i) => (byte)i).ToArray(), 16));
        var token = Uri.EscapeDataString(random.Next(4) switch
        {
            0 => id + "." + RandomText(random, 43),
            1 => RandomText(random, random.Next(0, 200)),
            2 => new string('a', random.Next(100, 5000)),
            _ => "",
        });
        var safeId = Uri.EscapeDataString(id);
        var (method, path, form) = random.Next(11) switch
        {
            0 or 1 or 2 => (HttpMethod.Post, "api/subscriptions", false),
            3 => (HttpMethod.Put, $"api/subscriptions/{safeId}?token={token}", false),
            4 => (HttpMethod.Get, $"api/subscriptions/{safeId}?token={token}", false),
            5 or 6 => (HttpMethod.Post, "api/webhooks", false),
            7 => (HttpMethod.Post, $"api/unsubscribe?token={token}", true),
            8 => (HttpMethod.Get, $"api/subscriptions/confirm?token={token}", false),
            9 => (HttpMethod.Post, random.Next(2) == 0 ? "api/ui/subscribe" : "api/ui/manage", true),
            _ => (random.Next(3) == 0 ? HttpMethod.Delete : HttpMethod.Post, random.Next(3) switch { 0 => $"api/webhooks/{safeId}", 1 => $"api/webhooks/{safeId}/test", _ => $"api/webhooks/{safeId}/rotate-secret" }, false),
        };
        var body = method == HttpMethod.Get ? null : form ? FormBody(random) : JsonBody(random);
        var contentType = random.Next(4) == 0 ? random.GetItems(ContentTypes, 1)[0] : form ? "application/x-www-form-urlencoded" : "application/json";
        var accept = Pick(random, Accepts);
        return new FuzzRequest(method, path, body, contentType, accept);
    }

    private static byte[] JsonBody(Random random) => random.Next(6) switch
    {
        0 => random.GetItems(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), random.Next(0, 300)),
        1 => [],
        2 or 3 => Encoding.UTF8.GetBytes(Mutate(random, JsonValue(random, 0, objectRoot: true))),
        _ => Encoding.UTF8.GetBytes(JsonValue(random, 0, objectRoot: true)),
    };

    private static byte[] FormBody(Random random)
    {
        var pairs = Enumerable.Range(0, random.Next(0, 8)).Select(_ => $"{Uri.EscapeDataString(Pick(random, Keys))}={Uri.EscapeDataString(random.Next(2) == 0 ? Pick(random, Words) : RandomText(random, random.Next(0, 60)))}");
        var text = string.Join('&', pairs);
        return Encoding.UTF8.GetBytes(random.Next(4) == 0 ? Mutate(random, text) : text);
    }

    private static string JsonValue(Random random, int depth, bool objectRoot = false)
    {
        // Below a few levels only scalars, so the documents stay small enough to send thousands of.
        var kind = objectRoot ? 0 : depth > 3 ? random.Next(1, 3) : random.Next(8);
        switch (kind)
        {
            case 0:
                var members = Enumerable.Range(0, random.Next(0, 7)).Select(_ =>
                    $"\"{(random.Next(6) == 0 ? RandomText(random, 8) : Pick(random, Keys))}\":{JsonValue(random, depth + 1)}");
                return "{" + string.Join(',', members) + "}";
            case 1:
                return System.Text.Json.JsonSerializer.Serialize(random.Next(3) == 0 ? RandomText(random, random.Next(0, 300)) : Pick(random, Words));
            case 2:
                return Pick(random, ["0", "-1", "23", "24", "7.5", "1e400", "-0", "9223372036854775808", "true", "false", "null"]);
            default:
                return "[" + string.Join(',', Enumerable.Range(0, random.Next(0, 5)).Select(_ => JsonValue(random, depth + 1))) + "]";
        }
    }

    private static string Mutate(Random random, string text)
    {
        var builder = new StringBuilder(text);
        for (var i = random.Next(1, 6); i > 0; i--)
        {
            var at = builder.Length == 0 ? 0 : random.Next(builder.Length);
            switch (random.Next(4))
            {
                case 0:
                    builder.Insert(at, Pick(random, ["{", "}", "[", "]", "\"", ",", ":", "\\", "\u0000", "'", "\ud800"]));
                    break;
                case 1 when builder.Length > 0:
                    builder.Remove(at, 1);
                    break;
                case 2 when builder.Length > 0:
                    builder[at] = (char)random.Next(0, 0x3000);
                    break;
                default:
                    builder.Insert(at, builder.ToString(at, Math.Min(20, builder.Length - at)));
                    break;
            }
        }

        return builder.ToString();
    }

    private static string RandomText(Random random, int length)
        => new(Enumerable.Range(0, length).Select(_ => random.Next(5) == 0 ? (char)random.Next(0, 0xD800) : (char)random.Next(32, 127)).ToArray());

    private static string Shorten(string text) => text.Length > 300 ? text[..300] : text;

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];

    private sealed record FuzzRequest(HttpMethod Method, string Path, byte[]? Body, string? ContentType, string Accept);
}
