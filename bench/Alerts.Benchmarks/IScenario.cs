namespace Alerts.Benchmarks;

/// <summary>
/// A benchmark command: an end-to-end measurement (wall time, requests, memory) that BenchmarkDotNet's
/// repeated micro-iterations do not fit, such as polling 1,000 feeds. Found by reflection, run by name.
/// </summary>
public interface IScenario
{
    string Name { get; }

    string Description { get; }

    Task<int> RunAsync(string[] args, CancellationToken cancellationToken);
}
