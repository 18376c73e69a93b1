using Alerts.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Integration.Tests.Infrastructure;

/// <summary>The app's own service registration (<c>AddAlerts</c>) against a private Azurite, for in-process integration tests.</summary>
public sealed class CoreServices : IAsyncLifetime
{
    public AzuriteInstance Azurite { get; private set; } = null!;

    public string OutboxPath { get; } = Path.Combine(Path.GetTempPath(), "alerts-outbox-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync() => Azurite = await AzuriteInstance.StartAsync();

    /// <summary>A fresh provider with the given settings on top of the Azurite connection.</summary>
    public ServiceProvider Build(IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = Azurite.ConnectionString,
            ["Alerts:OutboxPath"] = OutboxPath,

            // Webhook receivers in these tests listen on 127.0.0.1, which the connect guard refuses by default.
            ["Alerts:AllowInsecureWebhooks"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAlerts(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        return services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await Azurite.DisposeAsync();
        if (Directory.Exists(OutboxPath))
        {
            Directory.Delete(OutboxPath, recursive: true);
        }
    }
}
