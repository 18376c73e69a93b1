using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Alerts.Benchmarks;

/// <summary>A private in-memory Azurite from the repo's <c>node_modules</c> (<c>npm ci</c>), on ports the OS picks.</summary>
internal sealed partial class BenchAzurite : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;

    private BenchAzurite(Process process, int queuePort, int tablePort)
    {
        _process = process;
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
            $"QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";
    }

    public string ConnectionString { get; }

    public static async Task<BenchAzurite> StartAsync(CancellationToken cancellationToken)
    {
        var azurite = Path.Combine(RepoRoot(), "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed at {azurite}: run `npm ci` in the repo root, or pass --storage <connection string>.");
        }

        var start = new ProcessStartInfo(azurite)
        {
            ArgumentList = { "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--silent", "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1", "--blobPort", "0", "--queuePort", "0", "--tablePort", "0" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        var ports = new Dictionary<string, int>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (ports.Count < 3)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false)
                ?? throw new InvalidOperationException("Azurite exited: " + await process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false));
            if (Listening().Match(line) is { Success: true } match)
            {
                ports[match.Groups[1].Value] = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            }
        }

        _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
        return new BenchAzurite(process, ports["Queue"], ports["Table"]);
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Alerts.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Alerts.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"Azurite (Blob|Queue|Table) service is successfully listening at http://127\.0\.0\.1:(\d+)")]
    private static partial Regex Listening();
}
