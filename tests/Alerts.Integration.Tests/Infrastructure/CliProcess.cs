using System.Collections.Concurrent;
using System.Diagnostics;

namespace Alerts.Integration.Tests.Infrastructure;

/// <summary>The built <c>alerts</c> command run as a real process, in its own working directory and environment.</summary>
public sealed class CliProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private CliProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Collect(e.Data);
        _process.ErrorDataReceived += (_, e) => Collect(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output => string.Join('\n', _output);

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static CliProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepoPaths.CliDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Settings from the machine running the tests must not leak into the process under test.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Alerts__", StringComparison.Ordinal) || k == "AzureWebJobsStorage").ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new CliProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
    }

    /// <summary>Runs a command to completion and returns its exit code and combined output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] arguments)
    {
        await using var process = Start(workingDirectory, environment, arguments);
        await process.WaitForExitAsync(timeout);
        return (process.ExitCode, process.Output);
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);

        // The parameterless wait also drains the redirected output.
        _process.WaitForExit();
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

    private void Collect(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }
}
