using System.Net.Http.Json;
using System.Text.Json;

namespace Alerts.Integration.Tests.Infrastructure;

/// <summary>
/// A private Azurite plus <c>alerts serve</c> as a process against it, with a temporary working directory and
/// outbox. Timers are scheduled far away, so after the start-up run everything happens through the admin API.
/// </summary>
public class ServeFixture : IAsyncLifetime
{
    public const string AdminKey = "test-admin-key";

    /// <summary>The first of January, at midnight: after the past-due run at start-up, timers stay quiet.</summary>
    public const string QuietSchedule = "0 0 0 1 1 *";

    private CliProcess? _serve;

    public AzuriteInstance Azurite { get; private set; } = null!;

    public string WorkingDirectory { get; } = Directory.CreateTempSubdirectory("alerts-e2e-").FullName;

    public string OutboxPath => Path.Combine(WorkingDirectory, "outbox");

    public Uri BaseUrl { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public string ServeOutput => _serve?.Output ?? "";

    public IReadOnlyDictionary<string, string> Environment
    {
        get
        {
            var environment = Defaults;
            foreach (var (key, value) in Settings)
            {
                environment[key] = value;
            }

            return environment;
        }
    }

    /// <summary>Extra or overriding settings (environment variable names) of a derived fixture.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    private Dictionary<string, string> Defaults => new()
    {
        ["AzureWebJobsStorage"] = Azurite.ConnectionString,
        ["Alerts__AdminKey"] = AdminKey,
        ["Alerts__OutboxPath"] = OutboxPath,
        ["Alerts__PollSchedule"] = QuietSchedule,
        ["Alerts__DigestSchedule"] = QuietSchedule,
        ["Alerts__DigestSettleDelay"] = "00:00:00",
        ["Alerts__SampleSubscriber"] = "sample@example.com",
        // Tests act and then look at status at once: no cached report may hide what they just did.
        ["Alerts__StatusCacheSeconds"] = "0",
        ["Alerts__SubscriberCountSeconds"] = "0",
        ["AzureFunctionsJobHost__extensions__queues__visibilityTimeout"] = "00:00:00",
        ["AzureFunctionsJobHost__extensions__queues__maxPollingInterval"] = "00:00:00.500",
    };

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteInstance.StartAsync();
        var port = FreePort.Next();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        _serve = CliProcess.Start(WorkingDirectory, Environment, "serve", "--urls", BaseUrl.ToString().TrimEnd('/'));
        Http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        await Eventually.Async(
            async () => (await Http.GetAsync("api/health")).IsSuccessStatusCode,
            TimeSpan.FromSeconds(60),
            () => "alerts serve did not become healthy:\n" + ServeOutput);
    }

    public async Task<JsonElement> StatusAsync()
        => await Http.GetFromJsonAsync<JsonElement>("api/status");

    public async Task<HttpResponseMessage> RunFunctionAsync(string name, string? input = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"admin/functions/{name}");
        request.Headers.Add("x-functions-key", AdminKey);
        request.Content = JsonContent.Create(new { input });
        return await Http.SendAsync(request);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_serve is not null)
        {
            await _serve.DisposeAsync();
        }

        await Azurite.DisposeAsync();
        Directory.Delete(WorkingDirectory, recursive: true);
    }
}
