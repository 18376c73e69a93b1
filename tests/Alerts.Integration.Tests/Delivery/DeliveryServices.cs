using Alerts.Core;
using Alerts.Core.Classification;
using Alerts.Core.Storage;
using Alerts.Core.Subscriptions;
using Alerts.Integration.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Integration.Tests.Delivery;

/// <summary>The app's registration against the fixture's Azurite, with test settings and replaced services (a fake clock, a crashing sender).</summary>
internal static class DeliveryServices
{
    public const string TokenKey = "dGVzdC1vbmx5LXRva2VuLWtleS1mb3ItZGVsaXZlcnktdGVzdHM=";

    public static ServiceProvider Build(CoreServices core, IDictionary<string, string?> settings, Action<IServiceCollection>? replace = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = core.Azurite.ConnectionString,
            ["Alerts:OutboxPath"] = core.OutboxPath,
            ["Alerts:TokenKey"] = TokenKey,
            ["Alerts:PublicBaseUrl"] = "https://alerts.example.org/",
            ["Alerts:AllowInsecureWebhooks"] = "true",
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAlerts(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        replace?.Invoke(services);
        return services.BuildServiceProvider();
    }

    /// <summary>An active email subscriber with the given preferences and a watermark a day back.</summary>
    public static async Task<SubscriberEntity> AddEmailSubscriberAsync(
        AlertsStorage storage, DateTimeOffset now, string topics = "tariffs", string cadence = Cadence.Immediate, string minSeverity = Severity.Low, string countries = "", string keywordsInclude = "")
    {
        var id = Guid.NewGuid().ToString("N");
        var subscriber = new SubscriberEntity
        {
            RowKey = id,
            Address = $"{id[..12]}@example.com",
            Status = SubscriberStatus.Active,
            Topics = topics,
            Cadence = cadence,
            MinSeverity = minSeverity,
            Countries = countries,
            KeywordsInclude = keywordsInclude,
            CreatedAt = now,
            DigestWatermark = now.AddDays(-1),
        };
        var table = await storage.TableAsync(StorageNames.SubscribersTable);
        await table.AddEntityAsync(subscriber);
        return subscriber;
    }

    /// <summary>A stored item with a classification that names countries and figures, as the classifier writes them.</summary>
    public static async Task<ItemEntity> AddItemAsync(AlertsStorage storage, string title, DateTimeOffset discoveredAt, string topic = "tariffs", string severity = Severity.High, string[]? countries = null)
    {
        var classification = new Core.Classification.Classification(
            [new TopicMatch(topic, 2.5, [new Evidence("tariff", 0, 6)])],
            severity,
            "test",
            new Entities(countries ?? ["China"], [], []),
            [new Figure("tariff-rate", "100%")]);
        return await StoredRows.AddItemAsync(
            storage, title, topic, discoveredAt, severity, System.Text.Json.JsonSerializer.Serialize(classification, QueueMessages.Json));
    }
}
