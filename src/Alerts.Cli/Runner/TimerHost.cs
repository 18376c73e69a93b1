using Alerts.Core.Scheduling;
using Alerts.Core.Status;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Alerts.Cli.Runner;

/// <summary>
/// Runs timer functions on their NCRONTAB schedules. Like the host's schedule monitor, a timer whose last recorded
/// run is older than its previous occurrence (or that never ran) runs once at start with <c>IsPastDue</c>.
/// </summary>
internal sealed partial class TimerHost(
    IReadOnlyList<(FunctionDescriptor Function, TimerSchedule Schedule)> timers,
    FunctionInvoker invoker,
    RunLog runs,
    TimeProvider time,
    ILogger<TimerHost> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
        => Task.WhenAll(timers.Select(t => RunScheduleAsync(t.Function, t.Schedule, stoppingToken)));

    private async Task RunScheduleAsync(FunctionDescriptor function, TimerSchedule schedule, CancellationToken stoppingToken)
    {
        try
        {
            if (await IsPastDueAsync(function, schedule, stoppingToken).ConfigureAwait(false))
            {
                await InvokeAsync(function, schedule, pastDue: true, stoppingToken).ConfigureAwait(false);
            }

            while (!stoppingToken.IsCancellationRequested)
            {
                var next = schedule.Next(time.GetUtcNow());
                LogNext(function.Name, next);
                await Task.Delay(next - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time, stoppingToken).ConfigureAwait(false);
                await InvokeAsync(function, schedule, pastDue: false, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> IsPastDueAsync(FunctionDescriptor function, TimerSchedule schedule, CancellationToken stoppingToken)
    {
        try
        {
            var last = await runs.GetAsync(function.Name, stoppingToken).ConfigureAwait(false);
            var previous = schedule.Previous(time.GetUtcNow());
            return last?.LastStart is not { } lastStart || (previous is { } due && lastStart < due);
        }
        catch (Azure.RequestFailedException e)
        {
            // Without its record the timer simply waits for its next occurrence.
            LogFailed(e, function.Name);
            return false;
        }
    }

    public async Task InvokeAsync(FunctionDescriptor function, TimerSchedule schedule, bool pastDue, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var info = new TimerInfo
        {
            IsPastDue = pastDue,
            ScheduleStatus = new ScheduleStatus { Last = schedule.Previous(now)?.UtcDateTime ?? now.UtcDateTime, Next = schedule.Next(now).UtcDateTime, LastUpdated = now.UtcDateTime },
        };
        LogStart(function.Name, pastDue);
        try
        {
            await invoker.InvokeAsync(function, info, null, cancellationToken).ConfigureAwait(false);
            var elapsed = time.GetUtcNow() - now;
            LogDone(function.Name, elapsed.TotalMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(e, function.Name);
        }
    }

    [LoggerMessage(EventId = 9100, Level = LogLevel.Information, Message = "Executing '{Function}' (timer, past due: {PastDue})")]
    private partial void LogStart(string function, bool pastDue);

    [LoggerMessage(EventId = 9101, Level = LogLevel.Information, Message = "Executed '{Function}' (succeeded, {Milliseconds:0} ms)")]
    private partial void LogDone(string function, double milliseconds);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Error, Message = "Executed '{Function}' (failed)")]
    private partial void LogFailed(Exception exception, string function);

    [LoggerMessage(EventId = 9103, Level = LogLevel.Debug, Message = "'{Function}' next runs at {Next:O}")]
    private partial void LogNext(string function, DateTimeOffset next);
}
