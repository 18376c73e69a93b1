using System.Text.Json;
using System.Text.RegularExpressions;
using Alerts.Core;
using Alerts.Integration.Tests.Infrastructure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Integration.Tests.Infra;

/// <summary>What the Bicep would deploy, read from <c>bicep snapshot</c>: settings, identity, roles and hardening.</summary>
public sealed partial class DeploymentSnapshotTests
{
    private const string TableEndpoint = "https://stalertstest.table.core.windows.net/";
    private const string QueueEndpoint = "https://stalertstest.queue.core.windows.net/";
    private const string BlobEndpoint = "https://stalertstest.blob.core.windows.net/";

    /// <summary>README settings that exist only for the local runner, and why Azure does without them.</summary>
    private static readonly Dictionary<string, string> LocalOnlySettings = new()
    {
        ["Alerts:AdminKey"] = "function keys on Azure are the host's own",
        ["Alerts:SampleSubscriber"] = "sample seeding is off on Azure (the runner alone serves the sample feeds)",
        ["Alerts:SampleFeedsPath"] = "sample seeding is off on Azure (the runner alone serves the sample feeds)",
        ["Alerts:OutboxPath"] = "the SendGrid key is required on Azure, so mail never goes to the file outbox",
    };

    /// <summary>Tuning settings whose code default is the right value on Azure, so the app settings leave them out.</summary>
    private static readonly HashSet<string> CodeDefaultSettings =
    [
        "Alerts:DigestSettleDelay", "Alerts:SendGrid:RequestTimeout", "Alerts:SendGrid:RetryDelay", "Alerts:SendGrid:MaxRetries",
        "Alerts:TopicsPath", "Alerts:GazetteerPath", "Alerts:UseTopicModel", "Alerts:TopicModelPath", "Alerts:FeedPauseAfterFailures", "Alerts:MaxFeedBytes", "Alerts:FeedTimeBudget",
        "Alerts:RateLimits:Window",
        "Alerts:RateLimits:TestEventsPerWebhook", "Alerts:StatusCacheSeconds", "Alerts:SubscriberCountSeconds", "Alerts:TelemetryConsole",
        "Alerts:Retention:Items", "Alerts:Retention:TimeBudget",
    ];

    [Fact]
    public async Task Every_setting_in_the_README_is_an_app_setting_unless_it_is_local_only()
    {
        var settings = (await DeploymentSnapshot.GetAsync()).AppSettings();
        var documented = SettingsTableKey().Matches(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "README.md")))
            .Select(m => m.Groups["key"].Value)
            .ToList();

        Assert.Contains("Alerts:PollSchedule", documented);
        var missing = documented
            .Where(key => !LocalOnlySettings.ContainsKey(key) && !CodeDefaultSettings.Contains(key) && !settings.ContainsKey(key.Replace(":", "__", StringComparison.Ordinal)))
            .ToList();
        Assert.True(missing.Count == 0, "README settings with no app setting in infra/modules/functionapp.bicep: " + string.Join(", ", missing));
        Assert.All(LocalOnlySettings.Keys.Concat(CodeDefaultSettings), key => Assert.Contains(key, documented));
    }

    [Fact]
    public async Task Schedules_and_seeding_are_set_for_azure()
    {
        var settings = (await DeploymentSnapshot.GetAsync()).AppSettings();

        // The host resolves %Alerts:PollSchedule% itself; the runner's embedded defaults do not exist there.
        Assert.Equal("0 */5 * * * *", settings["Alerts__PollSchedule"]);
        Assert.Equal("0 */15 * * * *", settings["Alerts__DigestSchedule"]);
        Assert.Equal("0 30 3 * * *", settings["Alerts__PruneSchedule"]);
        Assert.Equal("false", settings["Alerts__SeedSampleFeeds"]);
        Assert.Equal("true", settings["Alerts__SeedDefaultFeeds"]);
        Assert.Equal(DeploymentSnapshot.SenderAddress, settings["Alerts__SendGrid__From"]);
        Assert.StartsWith("[format('https://{0}/', reference(", settings["Alerts__PublicBaseUrl"], StringComparison.Ordinal);
        Assert.EndsWith("Microsoft.Web/sites/func-alerts-" + NameToken(await DeploymentSnapshot.GetAsync()) + "', '2024-11-01').defaultHostName)]", settings["Alerts__PublicBaseUrl"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secrets_are_key_vault_references_resolved_with_the_apps_identity()
    {
        var snapshot = await DeploymentSnapshot.GetAsync();
        var settings = snapshot.AppSettings();
        var site = snapshot.Resource("Microsoft.Web/sites");
        var identityId = snapshot.Resource("Microsoft.ManagedIdentity/userAssignedIdentities").GetProperty("id").GetString()!;

        Assert.Matches(@"^\[format\('@Microsoft\.KeyVault\(SecretUri=\{0\}\)', reference\('[^']*/secrets/token-key', '[^']*'\)\.secretUri\)\]$", settings["Alerts__TokenKey"]);
        Assert.Matches(@"^\[format\('@Microsoft\.KeyVault\(SecretUri=\{0\}\)', reference\('[^']*/secrets/sendgrid-api-key', '[^']*'\)\.secretUri\)\]$", settings["Alerts__SendGrid__ApiKey"]);
        Assert.Equal(identityId, site.GetProperty("properties").GetProperty("keyVaultReferenceIdentity").GetString());

        // Secret values travel only as secure parameters into Key Vault, never in plain text.
        Assert.DoesNotContain(DeploymentSnapshot.SendGridApiKey, snapshot.Raw, StringComparison.Ordinal);
        Assert.DoesNotContain(DeploymentSnapshot.TokenKey, snapshot.Raw, StringComparison.Ordinal);
        var secrets = snapshot.Resources("Microsoft.KeyVault/vaults/secrets").ToDictionary(s => s.GetProperty("name").GetString()!.Split('/')[1], s => s.GetProperty("properties").GetProperty("value").GetString());
        Assert.Equal("[parameters('sendGridApiKey')]", secrets["sendgrid-api-key"]);
        Assert.Equal("[parameters('tokenKey')]", secrets["token-key"]);
        Assert.DoesNotContain(settings, s => s.Key.Contains("AccountKey", StringComparison.OrdinalIgnoreCase) || s.Value.Contains("AccountKey=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_apps_storage_clients_and_the_host_read_the_same_identity_based_settings()
    {
        var snapshot = await DeploymentSnapshot.GetAsync();
        var storageSettings = snapshot.AppSettings()
            .Where(s => s.Key.StartsWith(AlertsServiceCollectionExtensions.StorageSetting + "__", StringComparison.Ordinal))
            .ToDictionary(s => s.Key.Replace("__", ":", StringComparison.Ordinal), s => (string?)Resolve(s.Value));

        // The Functions host reads <service>ServiceUri with credential and clientId.
        Assert.Equal("managedidentity", storageSettings["AzureWebJobsStorage:credential"]);
        Assert.Equal(ClientId, storageSettings["AzureWebJobsStorage:clientId"]);
        Assert.Equal(BlobEndpoint, storageSettings["AzureWebJobsStorage:blobServiceUri"]);
        Assert.Equal(QueueEndpoint, storageSettings["AzureWebJobsStorage:queueServiceUri"]);
        Assert.Equal(TableEndpoint, storageSettings["AzureWebJobsStorage:tableServiceUri"]);

        // The app's own clients come from the same section through AddAlerts, as on Azure.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(storageSettings).Build();
        using var provider = new ServiceCollection().AddLogging().AddAlerts(configuration).BuildServiceProvider();
        Assert.Equal(new Uri(TableEndpoint), provider.GetRequiredService<TableServiceClient>().Uri);
        Assert.Equal(new Uri(QueueEndpoint), provider.GetRequiredService<QueueServiceClient>().Uri);
    }

    [Fact]
    public async Task The_app_runs_on_flex_consumption_as_dotnet_isolated_10()
    {
        var snapshot = await DeploymentSnapshot.GetAsync();
        var plan = snapshot.Resource("Microsoft.Web/serverfarms");
        var site = snapshot.Resource("Microsoft.Web/sites");
        var config = site.GetProperty("properties").GetProperty("functionAppConfig");
        var identityId = snapshot.Resource("Microsoft.ManagedIdentity/userAssignedIdentities").GetProperty("id").GetString()!;

        Assert.Equal("FC1", plan.GetProperty("sku").GetProperty("name").GetString());
        Assert.Equal("FlexConsumption", plan.GetProperty("sku").GetProperty("tier").GetString());
        Assert.True(plan.GetProperty("properties").GetProperty("reserved").GetBoolean());
        Assert.Equal("functionapp,linux", site.GetProperty("kind").GetString());
        Assert.Equal("dotnet-isolated", config.GetProperty("runtime").GetProperty("name").GetString());
        Assert.Equal("10.0", config.GetProperty("runtime").GetProperty("version").GetString());
        Assert.Equal(2048, config.GetProperty("scaleAndConcurrency").GetProperty("instanceMemoryMB").GetInt32());
        var storage = config.GetProperty("deployment").GetProperty("storage");
        Assert.Equal("blobContainer", storage.GetProperty("type").GetString());
        Assert.EndsWith(".primaryEndpoints.blob, 'app-package')]", storage.GetProperty("value").GetString(), StringComparison.Ordinal);
        Assert.Equal("UserAssignedIdentity", storage.GetProperty("authentication").GetProperty("type").GetString());
        Assert.Equal(identityId, storage.GetProperty("authentication").GetProperty("userAssignedIdentityResourceId").GetString());
        Assert.Equal("api", site.GetProperty("tags").GetProperty("azd-service-name").GetString());

        // Flex Consumption rejects these: the runtime lives in functionAppConfig instead.
        var settings = snapshot.AppSettings();
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", settings.Keys);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", settings.Keys);
        Assert.DoesNotContain("WEBSITE_RUN_FROM_PACKAGE", settings.Keys);
    }

    [Fact]
    public async Task Https_tls_and_credentials_are_locked_down()
    {
        var snapshot = await DeploymentSnapshot.GetAsync();
        var site = snapshot.Resource("Microsoft.Web/sites").GetProperty("properties");
        var storage = snapshot.Resource("Microsoft.Storage/storageAccounts").GetProperty("properties");
        var vault = snapshot.Resource("Microsoft.KeyVault/vaults").GetProperty("properties");
        var appInsights = snapshot.Resource("Microsoft.Insights/components").GetProperty("properties");

        Assert.True(site.GetProperty("httpsOnly").GetBoolean());
        Assert.Equal("1.2", site.GetProperty("siteConfig").GetProperty("minTlsVersion").GetString());
        Assert.Equal("Disabled", site.GetProperty("siteConfig").GetProperty("ftpsState").GetString());
        var publishing = snapshot.Resources("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        Assert.Equal(["ftp", "scm"], publishing.Select(p => p.GetProperty("name").GetString()!.Split('/')[1]).Order());
        Assert.All(publishing, p => Assert.False(p.GetProperty("properties").GetProperty("allow").GetBoolean()));

        Assert.False(storage.GetProperty("allowSharedKeyAccess").GetBoolean());
        Assert.False(storage.GetProperty("allowBlobPublicAccess").GetBoolean());
        Assert.Equal("TLS1_2", storage.GetProperty("minimumTlsVersion").GetString());
        Assert.True(storage.GetProperty("supportsHttpsTrafficOnly").GetBoolean());

        Assert.True(vault.GetProperty("enableRbacAuthorization").GetBoolean());
        Assert.True(vault.GetProperty("enablePurgeProtection").GetBoolean());
        Assert.True(vault.GetProperty("enableSoftDelete").GetBoolean());

        Assert.True(appInsights.GetProperty("DisableLocalAuth").GetBoolean());
        Assert.Contains("/Microsoft.OperationalInsights/workspaces/", appInsights.GetProperty("WorkspaceResourceId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_identity_holds_exactly_the_roles_the_app_needs_where_it_needs_them()
    {
        var snapshot = await DeploymentSnapshot.GetAsync();
        var identityId = snapshot.Resource("Microsoft.ManagedIdentity/userAssignedIdentities").GetProperty("id").GetString()!;
        var assignments = snapshot.Resources("Microsoft.Authorization/roleAssignments")
            .Select(a => (Scope: ScopeType(a), Role: a.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!.Split('/')[^1], Principal: a.GetProperty("properties").GetProperty("principalId").GetString()!))
            .ToList();

        Assert.All(assignments, a => Assert.Equal($"[reference('{identityId}', '2023-01-31').principalId]", a.Principal));
        Assert.Equal(
            [
                ("Microsoft.Insights/components", "3913510d-42f4-4e42-8a64-420c390055eb"), // Monitoring Metrics Publisher
                ("Microsoft.KeyVault/vaults", "4633458b-17de-408a-b874-0445c86b69e6"), // Key Vault Secrets User
                ("Microsoft.Storage/storageAccounts", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"), // Storage Table Data Contributor
                ("Microsoft.Storage/storageAccounts", "974c5e8b-45b9-4653-ba55-5f855dd0fb88"), // Storage Queue Data Contributor
                ("Microsoft.Storage/storageAccounts", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b"), // Storage Blob Data Owner
            ],
            assignments.Select(a => (a.Scope, a.Role)).Order());
    }

    [Fact]
    public async Task One_deployment_creates_the_resource_group_and_reports_the_apps_name_and_url()
    {
        var snapshot = await DeploymentSnapshot.GetAsync();
        var group = snapshot.Resource("Microsoft.Resources/resourceGroups");
        var site = snapshot.Resource("Microsoft.Web/sites");
        var outputs = snapshot.Outputs;

        Assert.Equal("rg-alerts-test", group.GetProperty("name").GetString());
        Assert.Equal("test", group.GetProperty("tags").GetProperty("azd-env-name").GetString());
        Assert.StartsWith(group.GetProperty("id").GetString() + "/providers/", site.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("rg-alerts-test", outputs.GetProperty("AZURE_RESOURCE_GROUP").GetString());
        Assert.Equal(site.GetProperty("name").GetString(), outputs.GetProperty("FUNCTION_APP_NAME").GetString());
        Assert.Equal($"[format('https://{{0}}', reference('{site.GetProperty("id").GetString()}', '2024-11-01').defaultHostName)]", outputs.GetProperty("FUNCTION_APP_URL").GetString());
        Assert.Equal(snapshot.Resource("Microsoft.KeyVault/vaults").GetProperty("name").GetString(), outputs.GetProperty("KEY_VAULT_NAME").GetString());
        Assert.Equal(snapshot.Resource("Microsoft.Storage/storageAccounts").GetProperty("name").GetString(), outputs.GetProperty("STORAGE_ACCOUNT_NAME").GetString());
    }

    private const string ClientId = "00000000-0000-0000-0000-00000000c1d0";

    /// <summary>Stands in for the values ARM knows only at deployment: the identity's client id and the storage endpoints.</summary>
    private static string Resolve(string value) => value switch
    {
        _ when !value.StartsWith('[') => value,
        _ when value.EndsWith("').clientId]", StringComparison.Ordinal) => ClientId,
        _ when value.EndsWith(".primaryEndpoints.blob]", StringComparison.Ordinal) => BlobEndpoint,
        _ when value.EndsWith(".primaryEndpoints.queue]", StringComparison.Ordinal) => QueueEndpoint,
        _ when value.EndsWith(".primaryEndpoints.table]", StringComparison.Ordinal) => TableEndpoint,
        _ => throw new InvalidOperationException("Unexpected expression in a storage setting: " + value),
    };

    private static string ScopeType(JsonElement assignment)
    {
        // id: [extensionResourceId('/subscriptions/.../providers/<namespace>/<type>/<name>', 'Microsoft.Authorization/roleAssignments', ...)]
        var scope = ScopeId().Match(assignment.GetProperty("id").GetString()!).Groups["scope"].Value;
        var parts = scope.Split("/providers/")[1].Split('/');
        return $"{parts[0]}/{parts[1]}";
    }

    private static string NameToken(DeploymentSnapshot snapshot) =>
        snapshot.Resource("Microsoft.Web/sites").GetProperty("name").GetString()!["func-alerts-".Length..];

    [GeneratedRegex(@"^\| `(?<key>Alerts:[A-Za-z:]+)` \|", RegexOptions.Multiline)]
    private static partial Regex SettingsTableKey();

    [GeneratedRegex(@"^\[extensionResourceId\('(?<scope>[^']+)'")]
    private static partial Regex ScopeId();
}
