using Alerts.Core.Delivery;
using Alerts.Core.Status;
using Alerts.Core.Storage;
using Alerts.Integration.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Integration.Tests.Storage;

/// <summary><c>alerts prune [--dry-run]</c> as a process against a private Azurite, on the real clock.</summary>
public sealed class PruneCommandTests(CoreServices core) : IClassFixture<CoreServices>
{
    private Dictionary<string, string> Environment => new() { ["AzureWebJobsStorage"] = core.Azurite.ConnectionString };

    [Fact]
    public async Task A_dry_run_prints_the_counts_and_deletes_nothing_then_a_run_deletes_them()
    {
        var now = DateTimeOffset.UtcNow;
        await using (var services = core.Build())
        {
            var storage = services.GetRequiredService<AlertsStorage>();
            await StoredRows.AddItemAsync(storage, "Old tariff story", "tariffs", now.AddDays(-200));
            await StoredRows.AddItemAsync(storage, "Older tariff story", "tariffs", now.AddDays(-300));
            await StoredRows.AddItemAsync(storage, "Fresh tariff story", "tariffs", now);
            await RetentionRows.AddCounterAsync(storage, now.AddDays(-30), Counters.EmailSent);

            // Started long ago but written just now: kept (its Timestamp is recent).
            await RetentionRows.AddDeliveryAsync(storage, Guid.NewGuid().ToString("N"), "item", now.AddYears(-1), DeliveryEntity.Queued);
        }

        var (dryExit, dryOutput) = await CliProcess.RunAsync(Path.GetTempPath(), Environment, TimeSpan.FromSeconds(60), "prune", "--dry-run");

        Assert.True(dryExit == 0, dryOutput);
        Assert.Contains("Would delete", dryOutput, StringComparison.Ordinal);
        Assert.True(dryOutput.Contains("Dry run: would delete 3 rows: counters 1, unmatched-markers 0, title-markers 0, items 2, deliveries 0.", StringComparison.Ordinal), dryOutput);
        await using (var services = core.Build())
        {
            Assert.Equal(3, (await RetentionRows.KeysAsync(services.GetRequiredService<AlertsStorage>(), StorageNames.ItemsTable)).Count);
        }

        var (exit, output) = await CliProcess.RunAsync(Path.GetTempPath(), Environment, TimeSpan.FromSeconds(60), "prune");

        Assert.True(exit == 0, output);
        Assert.True(output.Contains("Deleted 3 rows: counters 1, unmatched-markers 0, title-markers 0, items 2, deliveries 0.", StringComparison.Ordinal), output);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        await using (var services = core.Build())
        {
            var storage = services.GetRequiredService<AlertsStorage>();
            Assert.Single(await RetentionRows.KeysAsync(storage, StorageNames.ItemsTable));
            Assert.Single(await RetentionRows.KeysAsync(storage, StorageNames.DeliveriesTable));
        }
    }

    [Theory]
    [InlineData("10.00:00:00", "it must be at least 31 days")]
    [InlineData("ninety days", "ninety days is not a valid value for TimeSpan")]
    public async Task An_item_retention_too_short_or_malformed_exits_with_one_line_naming_the_setting(string retention, string reason)
    {
        var environment = Environment;
        environment["Alerts__Retention__Items"] = retention;

        var (exit, output) = await CliProcess.RunAsync(Path.GetTempPath(), environment, TimeSpan.FromSeconds(60), "prune", "--dry-run");

        Assert.Equal(1, exit);
        Assert.StartsWith("alerts prune: ", output.Trim(), StringComparison.Ordinal);
        Assert.Contains("Alerts:Retention:Items", output, StringComparison.Ordinal);
        Assert.Contains(reason, output, StringComparison.Ordinal);
        Assert.Single(output.Trim().Split('\n'));
    }
}
