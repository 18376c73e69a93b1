using System.Collections.Concurrent;
using Alerts.Integration.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace Alerts.Integration.Tests.Delivery;

/// <summary>
/// A webhook endpoint on a real Kestrel server on 127.0.0.1: checks every request's signature with the
/// StandardWebhooks package and answers what <see cref="Answer"/> says (204 by default), so tests can make it fail.
/// </summary>
internal sealed class WebhookReceiver
{
    private readonly string _secret;
    private readonly bool _checkTimestamps;

    // checkTimestamps: false when the sender runs on a fake clock far from now; then only the signature itself is checked.
    public WebhookReceiver(LocalHttpServer server, string path, string secret, bool checkTimestamps = true)
    {
        _secret = secret;
        _checkTimestamps = checkTimestamps;
        Url = server.Url(path);
        server.Route("/" + path.TrimStart('/'), HandleAsync);
    }

    public Uri Url { get; }

    /// <summary>The status to answer, and headers to add; decided per request.</summary>
    public Func<(int Status, IReadOnlyDictionary<string, string>? Headers)> Answer { get; set; } = () => (StatusCodes.Status204NoContent, null);

    /// <summary>Every request: its webhook-id, body, whether the signature verified, and what was answered.</summary>
    public ConcurrentQueue<(string Id, string Body, bool Verified, int Status)> Received { get; } = new();

    /// <summary>Webhook ids answered 2xx with a valid signature: what the receiver processed.</summary>
    public IReadOnlyList<string> Accepted => Received.Where(r => r.Verified && r.Status is >= 200 and < 300).Select(r => r.Id).ToList();

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var verified = Verify(body, context.Request.Headers);
        var (status, headers) = verified ? Answer() : (StatusCodes.Status401Unauthorized, null);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        context.Response.StatusCode = status;
        Received.Enqueue((context.Request.Headers["webhook-id"].ToString(), body, verified, status));
    }

    private bool Verify(string body, IHeaderDictionary headers)
    {
        var webhook = new StandardWebhook(_secret);
        try
        {
            if (_checkTimestamps)
            {
                webhook.Verify(body, headers);
                return true;
            }

            var timestamp = DateTimeOffset.FromUnixTimeSeconds(long.Parse(headers["webhook-timestamp"].ToString(), System.Globalization.CultureInfo.InvariantCulture));
            return headers["webhook-signature"].ToString().Split(' ').Contains(webhook.Sign(headers["webhook-id"].ToString(), timestamp, body));
        }
        catch (WebhookVerificationException)
        {
            return false;
        }
    }
}
