using Alerts.Benchmarks;
using BenchmarkDotNet.Running;

// `scenario <name> [args]` runs a benchmark command; anything else goes to BenchmarkDotNet's switcher
// (for example `--filter '*' --job short`).
var scenarios = typeof(IScenario).Assembly.GetTypes()
    .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IScenario).IsAssignableFrom(t))
    .Select(t => (IScenario)Activator.CreateInstance(t)!)
    .ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);

if (args is ["scenario", ..])
{
    if (args.Length < 2 || !scenarios.TryGetValue(args[1], out var scenario))
    {
        Console.Error.WriteLine("usage: scenario <name> [args]; scenarios:");
        foreach (var s in scenarios.Values.OrderBy(s => s.Name))
        {
            Console.Error.WriteLine($"  {s.Name,-16} {s.Description}");
        }

        return 2;
    }

    using var cancel = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
    return await scenario.RunAsync(args[2..], cancel.Token);
}

BenchmarkSwitcher.FromAssembly(typeof(IScenario).Assembly).Run(args);
return 0;
