using System.Net;
using System.Net.Sockets;
using Alerts.Integration.Tests.Infrastructure;

namespace Alerts.Integration.Tests.Cli;

/// <summary><c>alerts serve</c> refuses to start with a one-line reason and a non-zero exit, never a stack trace.</summary>
public sealed class ServeFailureTests : IAsyncLifetime
{
    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("alerts-cli-").FullName;
    private AzuriteInstance _azurite = null!;

    public async Task InitializeAsync() => _azurite = await AzuriteInstance.StartAsync();

    public async Task DisposeAsync()
    {
        await _azurite.DisposeAsync();
        Directory.Delete(_workingDirectory, recursive: true);
    }

    [Fact]
    public async Task A_port_in_use_is_reported_in_one_line()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        var (exit, output) = await ServeAsync(Storage(), "--urls", $"http://127.0.0.1:{port}");

        Assert.Equal(1, exit);
        var reason = Assert.Single(ReasonLines(output));
        Assert.Contains($"cannot listen on http://127.0.0.1:{port}", reason, StringComparison.Ordinal);
        AssertNoStackTrace(output);
    }

    [Fact]
    public async Task Unreachable_storage_is_reported_in_one_line()
    {
        var closedPort = FreePort.Next();
        var storage = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;QueueEndpoint=http://127.0.0.1:{closedPort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{closedPort}/devstoreaccount1;",
        };

        var (exit, output) = await ServeAsync(storage, "--urls", $"http://127.0.0.1:{FreePort.Next()}");

        Assert.Equal(1, exit);
        Assert.Contains("storage is not reachable", Assert.Single(ReasonLines(output)), StringComparison.Ordinal);
        AssertNoStackTrace(output);
    }

    [Theory]
    [InlineData("Alerts__PollSchedule", "every five minutes", "PollFeeds")]
    [InlineData("Alerts__SeedSampleFeeds", "maybe", "Alerts:")]
    [InlineData("AzureFunctionsJobHost__extensions__queues__maxDequeueCount", "five", "AzureFunctionsJobHost__extensions__queues")]
    public async Task A_malformed_setting_is_reported_in_one_line(string name, string value, string named)
    {
        var settings = new Dictionary<string, string>(Storage()) { [name] = value };

        var (exit, output) = await ServeAsync(settings, "--urls", $"http://127.0.0.1:{FreePort.Next()}");

        Assert.Equal(1, exit);
        Assert.Contains(named, Assert.Single(ReasonLines(output)), StringComparison.Ordinal);
        AssertNoStackTrace(output);
    }

    [Fact]
    public async Task A_malformed_listen_address_is_reported_in_one_line()
    {
        var (exit, output) = await ServeAsync(Storage(), "--urls", "not a url");

        Assert.Equal(1, exit);
        Assert.Contains("--urls", Assert.Single(ReasonLines(output)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-an-email", "tariffs", "email")]
    [InlineData("a@example.com\r\nBcc: x@example.com", "tariffs", "email")]
    [InlineData("a@example.com", "tariffs,cricket", "--topics")]
    public async Task Subscribers_add_rejects_bad_input_with_exit_code_2(string email, string topics, string named)
    {
        var (exit, output) = await CliProcess.RunAsync(_workingDirectory, Storage(), TimeSpan.FromSeconds(60), "subscribers", "add", email, "--topics", topics);

        Assert.Equal(2, exit);
        Assert.Contains(named, output, StringComparison.OrdinalIgnoreCase);
        AssertNoStackTrace(output);
    }

    private Dictionary<string, string> Storage() => new() { ["AzureWebJobsStorage"] = _azurite.ConnectionString, ["Alerts__AdminKey"] = "k" };

    private Task<(int, string)> ServeAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
        => CliProcess.RunAsync(_workingDirectory, environment, TimeSpan.FromSeconds(60), ["serve", .. arguments]);

    private static List<string> ReasonLines(string output)
        => output.Split('\n').Where(l => l.StartsWith("alerts serve:", StringComparison.Ordinal)).ToList();

    private static void AssertNoStackTrace(string output)
        => Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
}
