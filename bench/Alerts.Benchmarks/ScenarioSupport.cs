using System.Globalization;
using Alerts.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alerts.Benchmarks;

/// <summary>What every scenario needs: its <c>--name value</c> options and the app's services on given settings.</summary>
internal static class ScenarioSupport
{
    public static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>A positive whole number given for <paramref name="name"/>, else <paramref name="fallback"/>.</summary>
    public static int Option(string[] args, string name, int fallback)
        => Option(args, name) is { } text && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    /// <summary>The services <c>AddAlerts</c> registers, on these settings; errors only, so logging costs nothing measured.</summary>
    public static ServiceProvider Services(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Error));
        services.AddAlerts(configuration);
        return services.BuildServiceProvider();
    }
}
