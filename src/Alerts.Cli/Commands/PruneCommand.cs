using System.CommandLine;
using System.Globalization;
using Alerts.Cli.Configuration;
using Alerts.Core;
using Alerts.Core.Status;
using Alerts.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Alerts.Cli.Commands;

/// <summary><c>alerts prune [--dry-run]</c>: deletes rows past their retention now, as the PruneStorage timer does, and prints the counts.</summary>
internal static class PruneCommand
{
    public static Command Create()
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Count what would be deleted; delete nothing." };
        var command = new Command("prune", "Delete stored rows past their retention, as the PruneStorage timer does.") { dryRun };
        command.SetAction((result, cancellationToken) => PruneAsync(AnsiConsole.Console, result.GetValue(dryRun), cancellationToken));
        return command;
    }

    public static async Task<int> PruneAsync(IAnsiConsole console, bool dryRun, CancellationToken cancellationToken)
    {
        await using var services = BuildServices();
        PruneReport report;
        try
        {
            var (healthy, storageError) = await services.GetRequiredService<HealthService>().CheckAsync(cancellationToken).ConfigureAwait(false);
            if (!healthy)
            {
                return await ErrorAsync(storageError ?? "storage unreachable").ConfigureAwait(false);
            }

            report = await services.GetRequiredService<RetentionService>().PruneAsync(dryRun, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            // A retention setting that is malformed (the outer message names it, the inner says why) or too short.
            return await ErrorAsync(e.InnerException is { } inner ? $"{e.Message} {inner.Message}" : e.Message).ConfigureAwait(false);
        }

        var table = new Table().AddColumns("Kind", "Table", dryRun ? "Would delete" : "Deleted");
        foreach (var count in report.Counts)
        {
            table.AddRow(new Text(count.Name), new Text(count.Table), new Text(count.Rows.ToString("N0", CultureInfo.InvariantCulture)));
        }

        console.Write(table);

        // One unwrapped line, so scripts can read it whatever the terminal width.
        var counts = string.Join(", ", report.Counts.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Name} {c.Rows}")));
        await Console.Out.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"{(dryRun ? "Dry run: would delete" : "Deleted")} {report.Total} rows: {counts}.{(report.Complete ? "" : " Stopped at the time budget (Alerts:Retention:TimeBudget); run again to continue.")}")).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static async Task<int> ErrorAsync(string message)
    {
        await Console.Error.WriteLineAsync($"alerts prune: {message}").ConfigureAwait(false);
        return ExitCodes.Failed;
    }

    private static ServiceProvider BuildServices()
    {
        var configuration = LocalConfiguration.Build(Directory.GetCurrentDirectory(), new Dictionary<string, string?>());
        var services = new ServiceCollection();
        // The summary says what happened, time budget included; the service's own log lines would repeat it.
        services.AddLogging(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning).AddFilter("Alerts.Core.Storage", LogLevel.Error));
        services.AddAlerts(configuration);
        return services.BuildServiceProvider();
    }
}
