using System.Text.Json;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Alerts.Integration.Tests.Delivery;

/// <summary>A SendGrid v3 API fake on 127.0.0.1 (WireMock) that can answer 202, 429 with Retry-After, 500 or hang, in sequence.</summary>
internal sealed class SendGridFake : IDisposable
{
    public const string Path = "/v3/mail/send";

    private readonly WireMockServer _server = WireMockServer.Start();

    public string Url => _server.Url!;

    /// <summary>Answers in this order, then keeps answering with the last.</summary>
    public void Answer(params Func<IResponseBuilder, IResponseBuilder>[] answers)
    {
        _server.Reset();
        if (answers.Length == 1)
        {
            _server.Given(Request.Create().WithPath(Path).UsingPost()).RespondWith(answers[0](Response.Create()));
            return;
        }

        for (var i = 0; i < answers.Length; i++)
        {
            var request = _server.Given(Request.Create().WithPath(Path).UsingPost()).InScenario("answers");
            var stated = i == 0 ? request : request.WhenStateIs($"after-{i - 1}");
            var next = i < answers.Length - 1 ? stated.WillSetStateTo($"after-{i}") : stated;
            next.RespondWith(answers[i](Response.Create()));
        }
    }

    public static IResponseBuilder Accepted(IResponseBuilder r) => r.WithStatusCode(202);

    public static IResponseBuilder Throttled(IResponseBuilder r) => r.WithStatusCode(429).WithHeader("Retry-After", "1").WithBody("""{"errors":[{"message":"too many requests"}]}""");

    public static IResponseBuilder Broken(IResponseBuilder r) => r.WithStatusCode(500).WithBody("""{"errors":[{"message":"internal error"}]}""");

    public static IResponseBuilder Hanging(IResponseBuilder r) => r.WithStatusCode(504).WithDelay(TimeSpan.FromSeconds(10));

    public int Requests => _server.LogEntries.Count;

    /// <summary>The bodies of requests the fake answered 202: what SendGrid would have sent.</summary>
    public IReadOnlyList<JsonElement> AcceptedBodies => _server.LogEntries
        .Where(e => Convert.ToInt32(e.ResponseMessage.StatusCode, System.Globalization.CultureInfo.InvariantCulture) == 202)
        .Select(e => JsonDocument.Parse(e.RequestMessage.Body!).RootElement.Clone())
        .ToList();

    /// <summary>How many accepted mails each address got.</summary>
    public IReadOnlyDictionary<string, int> MailsPerRecipient => AcceptedBodies
        .SelectMany(b => b.GetProperty("personalizations").EnumerateArray())
        .Select(p => p.GetProperty("to")[0].GetProperty("email").GetString()!)
        .GroupBy(a => a)
        .ToDictionary(g => g.Key, g => g.Count());

    public string AuthorizationOfFirst => _server.LogEntries[0].RequestMessage.Headers!["Authorization"].Single();

    public void Dispose() => _server.Stop();
}
