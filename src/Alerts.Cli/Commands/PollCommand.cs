using System.CommandLine;
using System.Globalization;
using Alerts.Cli.Configuration;
using Alerts.Core;
using Alerts.Core.Feeds;
using Alerts.Core.Status;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Alerts.Cli.Commands;

/// <summary><c>alerts poll --once</c>: polls every active feed now, with a progress bar and a summary table.</summary>
internal static class PollCommand
{
    public static Command Create()
    {
        var once = new Option<bool>("--once") { Description = "Poll every active feed once, now, then exit (paused and gone feeds are skipped).", Required = true };
        var command = new Command("poll", "Poll the registered feeds and queue new items, as the PollFeeds timer does.") { once };
        command.SetAction((_, cancellationToken) => PollOnceAsync(AnsiConsole.Console, cancellationToken));
        return command;
    }

    public static async Task<int> PollOnceAsync(IAnsiConsole console, CancellationToken cancellationToken)
    {
        await using var services = BuildServices();
        var (healthy, storageError) = await services.GetRequiredService<HealthService>().CheckAsync(cancellationToken).ConfigureAwait(false);
        if (!healthy)
        {
            await Console.Error.WriteLineAsync($"alerts poll: {storageError}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }

        var active = (await services.GetRequiredService<FeedStore>().ListAsync(cancellationToken).ConfigureAwait(false)).Count(f => f.IsActive);
        var polling = services.GetRequiredService<PollFeedsService>();
        IReadOnlyList<FeedPollResult> results = [];
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"Polling {active} feeds", maxValue: Math.Max(active, 1));
                results = await polling.PollAsync(dueOnly: false, new Progress<FeedPollResult>(_ => task.Increment(1)), cancellationToken).ConfigureAwait(false);
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);

        console.Write(Summary(results));
        var byOutcome = results.GroupBy(r => r.Outcome).ToDictionary(g => g.Key, g => g.Count());
        // One unwrapped line, so scripts can read it whatever the terminal width.
        await Console.Out.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"{results.Count} feeds polled: {byOutcome.GetValueOrDefault(FeedPollOutcome.Fetched)} fetched, {byOutcome.GetValueOrDefault(FeedPollOutcome.NotModified)} not modified, " +
            $"{byOutcome.GetValueOrDefault(FeedPollOutcome.Failed)} failed, {byOutcome.GetValueOrDefault(FeedPollOutcome.Paused)} paused, {byOutcome.GetValueOrDefault(FeedPollOutcome.Gone)} gone; " +
            $"{results.Sum(r => r.ItemsNew)} new items queued.")).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    /// <summary>Feed text goes in as <see cref="Text"/>, never as markup, so titles with brackets cannot restyle the table.</summary>
    private static Table Summary(IReadOnlyList<FeedPollResult> results)
    {
        var table = new Table().AddColumns("Feed", "Outcome", "HTTP", "New", "Error / next poll");
        foreach (var result in results.OrderBy(r => r.Outcome).ThenBy(r => r.Feed.Url, StringComparer.Ordinal))
        {
            var feed = result.Feed;
            var detail = feed.PausedReason ?? feed.LastError ?? "";
            if (result.Outcome == FeedPollOutcome.Failed && feed.NextPoll is { } next)
            {
                detail += string.Create(CultureInfo.InvariantCulture, $" (next poll {next:u})");
            }

            table.AddRow(
                new Text(feed.Title is { Length: > 0 } title ? $"{title}\n{feed.Url}" : feed.Url),
                new Text(result.Outcome.ToString(), new Style(result.Outcome is FeedPollOutcome.Fetched or FeedPollOutcome.NotModified ? Color.Green : Color.Red)),
                new Text(feed.LastStatus?.ToString(CultureInfo.InvariantCulture) ?? "-"),
                new Text(result.ItemsNew.ToString(CultureInfo.InvariantCulture)),
                new Text(detail));
        }

        return table;
    }

    private static ServiceProvider BuildServices()
    {
        var configuration = LocalConfiguration.Build(Directory.GetCurrentDirectory(), new Dictionary<string, string?>());
        var services = new ServiceCollection();
        // Feed failures are in the summary table; logging them too would tear up the progress display.
        services.AddLogging(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning).AddFilter("Alerts.Core.Feeds", LogLevel.Error));
        services.AddAlerts(configuration);
        return services.BuildServiceProvider();
    }
}
