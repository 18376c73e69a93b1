using System.Reflection;
using Alerts.Core.Classification;
using Alerts.Core.Feeds;
using Alerts.Core.Scheduling;
using Alerts.Core.Storage;
using Alerts.Core.Telemetry;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Status;

/// <summary>
/// Builds the status report from counters and small reads, all in parallel and within <see cref="Budget"/>:
/// status never hangs on storage, it says <c>down</c>. The rules are in <see cref="StatusRules"/> and the README.
/// </summary>
public sealed partial class StatusService(
    RunLog runs,
    Counters counters,
    SubscriberCounts subscribers,
    AlertsStorage storage,
    TopicClassifier classifier,
    TimeProvider time,
    IOptions<AlertsOptions> options,
    ILogger<StatusService> logger) : IStatusBuilder
{
    public const string PollFeedsFunction = "PollFeeds";

    /// <summary>The <c>items24h</c> key of items that matched no topic.</summary>
    public const string Unmatched = "unmatched";

    /// <summary>Feeds listed one by one in <see cref="FeedsStatus.Polled"/>; the counts always cover all of them.</summary>
    public const int MaxFeedsListed = 50;

    public const int WorstFeedsListed = 5;

    /// <summary>Hours of items per topic the status page charts.</summary>
    public const int ChartHours = 48;

    /// <summary>
    /// The Feeds columns that say a feed is no longer polled (paused after failures, or gone with 410), read by
    /// name: rows written before those columns existed count as polled.
    /// </summary>
    internal const string PausedColumn = "Paused";

    internal const string GoneColumn = "Gone";

    /// <summary>
    /// How long all storage reads of one build may take together. Like the health check's, it bounds the wait;
    /// it is longer because a status build reads more, and a busy instance must not report itself down.
    /// </summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    public static string Version { get; } =
        typeof(StatusService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public async Task<StatusReport> BuildAsync(CancellationToken cancellationToken)
    {
        using var activity = AlertsTelemetry.Source.StartActivity("status.build");
        var now = time.GetUtcNow();
        StatusReport report;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(Budget);
            try
            {
                // WaitAsync bounds the build even if some storage call ignored its token.
                report = await ReadAsync(now, timeout.Token).WaitAsync(Budget, time, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                var reason = e is TimeoutException || timeout.IsCancellationRequested
                    ? $"storage did not answer within {Budget.TotalSeconds:0} s"
                    : "storage unreachable: " + e.Message.Split('\n')[0].Trim();
                LogDown(logger, reason, e);
                report = Down(now, reason);
            }
        }

        activity?.SetTag(AlertsTelemetry.StatusTag, report.Status);
        AlertsTelemetry.StatusBuilt(report.Status);
        return report;
    }

    private async Task<StatusReport> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var feedsRead = ReadFeedsAsync(cancellationToken);
        var queuesRead = Task.WhenAll(StorageNames.Queues.Select(async name =>
        {
            var depth = DepthAsync(name, cancellationToken);
            var poison = DepthAsync(StorageNames.Poison(name), cancellationToken);
            return (Name: name, Status: new QueueStatus(await depth.ConfigureAwait(false), await poison.ConfigureAwait(false)));
        }));
        var runsRead = runs.ListAsync(cancellationToken);
        var hourlyRead = counters.HourlyAsync(ChartHours, cancellationToken);
        var subscribersRead = subscribers.GetAsync(cancellationToken);
        await Task.WhenAll(feedsRead, queuesRead, runsRead, hourlyRead, subscribersRead).ConfigureAwait(false);

        var feeds = Summarise(await feedsRead.ConfigureAwait(false));
        var queues = (await queuesRead.ConfigureAwait(false)).ToDictionary(q => q.Name, q => q.Status, StringComparer.Ordinal);
        var runRows = await runsRead.ConfigureAwait(false);
        var hourly = await hourlyRead.ConfigureAwait(false);

        var topics = classifier.TopicIds.Append(Unmatched).ToList();
        var itemsPerHour = hourly.Select(h => new HourlyItems(h.Hour, topics.ToDictionary(t => t, t => h[CounterFor(t)], StringComparer.Ordinal))).ToList();
        var lastDay = hourly.TakeLast(24).ToList();
        var items24h = topics.ToDictionary(t => t, t => lastDay.Sum(h => h[CounterFor(t)]), StringComparer.Ordinal);
        var deliveries = new DeliveriesStatus(
            lastDay.Sum(h => h[Counters.EmailSent]),
            lastDay.Sum(h => h[Counters.EmailFailed]),
            lastDay.Sum(h => h[Counters.WebhookSent]),
            lastDay.Sum(h => h[Counters.WebhookFailed]));

        var poll = runRows.FirstOrDefault(r => r.RowKey == PollFeedsFunction);
        var interval = TimerSchedule.TryParse(options.Value.PollSchedule, out var schedule, out _) ? schedule!.Interval(now) : TimeSpan.FromMinutes(5);
        var reasons = StatusRules.Degradations(now, feeds, queues, poll?.LastSuccess, interval);

        return new StatusReport(
            reasons.Count == 0 ? OverallStatus.Ok : OverallStatus.Degraded,
            Version,
            now,
            reasons,
            feeds,
            queues,
            runRows.ToDictionary(r => r.RowKey, r => new RunStatus(r.LastStart, r.LastEnd, r.Outcome, r.ItemsNew), StringComparer.Ordinal),
            items24h,
            await subscribersRead.ConfigureAwait(false),
            deliveries,
            itemsPerHour);
    }

    private static string CounterFor(string topic) => topic == Unmatched ? Counters.ItemsUnmatched : Counters.ItemsFor(topic);

    private static StatusReport Down(DateTimeOffset now, string reason)
        => new(
            OverallStatus.Down, Version, now, [reason], new FeedsStatus(0, 0, 0, 0, [], []),
            new Dictionary<string, QueueStatus>(), new Dictionary<string, RunStatus>(), new Dictionary<string, long>(),
            new SubscribersStatus(new EmailSubscribersStatus(0, 0), new WebhookSubscribersStatus(0, 0, 0)), new DeliveriesStatus(0, 0, 0, 0), []);

    private static FeedsStatus Summarise(IReadOnlyList<(FeedHealth Health, bool Paused)> rows)
    {
        var failing = rows.Where(f => !f.Paused && f.Health.ConsecutiveFailures > 0).Select(f => f.Health).ToList();
        var paused = rows.Count(f => f.Paused);
        return new FeedsStatus(
            rows.Count,
            rows.Count - paused - failing.Count,
            failing.Count,
            paused,
            failing.OrderByDescending(f => f.ConsecutiveFailures).ThenBy(f => f.Url, StringComparer.Ordinal).Take(WorstFeedsListed).ToList(),
            rows.Select(f => f.Health).OrderBy(f => f.Url, StringComparer.Ordinal).Take(MaxFeedsListed).ToList());
    }

    /// <summary>Only the columns status shows: the Feeds rows also carry validators and titles it has no use for.</summary>
    private async Task<IReadOnlyList<(FeedHealth Health, bool Paused)>> ReadFeedsAsync(CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.FeedsTable, cancellationToken).ConfigureAwait(false);
        var rows = new List<(FeedHealth, bool)>();
        var query = table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {FeedEntity.Partition}"),
            select:
            [
                nameof(FeedEntity.Url), nameof(FeedEntity.LastPoll), nameof(FeedEntity.LastSuccess), nameof(FeedEntity.ConsecutiveFailures),
                nameof(FeedEntity.LastError), nameof(FeedEntity.ItemsNew), PausedColumn, GoneColumn,
            ],
            cancellationToken: cancellationToken);
        await foreach (var row in query.ConfigureAwait(false))
        {
            rows.Add((
                new FeedHealth(
                    row.GetString(nameof(FeedEntity.Url)) ?? "",
                    row.GetDateTimeOffset(nameof(FeedEntity.LastPoll)),
                    row.GetDateTimeOffset(nameof(FeedEntity.LastSuccess)),
                    row.GetInt32(nameof(FeedEntity.ConsecutiveFailures)) ?? 0,
                    row.GetString(nameof(FeedEntity.LastError)),
                    row.GetInt32(nameof(FeedEntity.ItemsNew)) ?? 0),
                (row.GetBoolean(PausedColumn) ?? false) || (row.GetBoolean(GoneColumn) ?? false)));
        }

        return rows;
    }

    private async Task<int> DepthAsync(string queue, CancellationToken cancellationToken)
    {
        var client = await storage.QueueAsync(queue, cancellationToken).ConfigureAwait(false);
        var properties = await client.GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
        return properties.Value.ApproximateMessagesCount;
    }

    [LoggerMessage(EventId = EventIds.Status + 1, Level = LogLevel.Warning, Message = "Status is down: {Reason}")]
    private static partial void LogDown(ILogger logger, string reason, Exception exception);
}
