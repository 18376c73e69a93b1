using System.Text;
using Alerts.Core.Storage;
using Alerts.Core.Telemetry;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Alerts.Cli.Runner;

/// <summary>
/// Polls Azurite for each queue-triggered function with the host's rules: batches of <c>batchSize</c>, exponential
/// back-off up to <c>maxPollingInterval</c> when idle, a failed message made visible again after
/// <c>visibilityTimeout</c>, and moved to <c>&lt;queue&gt;-poison</c> once dequeued <c>maxDequeueCount</c> times.
/// Its storage has no message encoding, so it sees undecodable messages and can poison them as the host does.
/// </summary>
internal sealed partial class QueueHost(
    IReadOnlyList<FunctionDescriptor> functions,
    AlertsStorage queues,
    QueueSettings settings,
    FunctionInvoker invoker,
    ILogger<QueueHost> logger) : BackgroundService
{
    /// <summary>How long a received message stays invisible while its function runs.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
        => Task.WhenAll(functions.Select(f => ListenAsync(f, stoppingToken)));

    private async Task ListenAsync(FunctionDescriptor function, CancellationToken stoppingToken)
    {
        var name = function.Queue!.QueueName;
        var delay = MinPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var queue = await queues.QueueAsync(name, stoppingToken).ConfigureAwait(false);
                var batch = (await queue.ReceiveMessagesAsync(settings.BatchSize, Lease, stoppingToken).ConfigureAwait(false)).Value;
                if (batch.Length > 0)
                {
                    delay = MinPollingInterval;
                    await Task.WhenAll(batch.Select(m => ProcessAsync(function, queue, m, stoppingToken))).ConfigureAwait(false);
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogListenerError(e, name);
            }

            try
            {
                await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxPollingInterval.Ticks));
        }
    }

    private async Task ProcessAsync(FunctionDescriptor function, QueueClient queue, QueueMessage message, CancellationToken stoppingToken)
    {
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Convert.FromBase64String(message.MessageText));
        }
        catch (FormatException)
        {
            LogUndecodable(queue.Name, message.MessageId);
            await PoisonAsync(queue, message, message.MessageText, stoppingToken).ConfigureAwait(false);
            return;
        }

        try
        {
            LogStart(function.Name, message.MessageId, message.DequeueCount);
            AlertsTelemetry.Dequeued(queue.Name, message.InsertedOn, message.DequeueCount, DateTimeOffset.UtcNow);
            await invoker.InvokeAsync(function, text, null, stoppingToken).ConfigureAwait(false);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None).ConfigureAwait(false);
            LogDone(function.Name, message.MessageId);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the lease expires and another run picks the message up.
        }
        catch (Exception e)
        {
            LogFailed(e, function.Name, message.MessageId, message.DequeueCount);
            if (message.DequeueCount >= settings.MaxDequeueCount)
            {
                await PoisonAsync(queue, message, message.MessageText, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Copies the message, as received, to the poison queue before deleting it, so nothing is lost.</summary>
    private async Task PoisonAsync(QueueClient queue, QueueMessage message, string rawText, CancellationToken cancellationToken)
    {
        var poison = await queues.QueueAsync(StorageNames.Poison(queue.Name), cancellationToken).ConfigureAwait(false);
        await poison.SendMessageAsync(rawText, cancellationToken).ConfigureAwait(false);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
        LogPoisoned(message.MessageId, poison.Name);
    }

    [LoggerMessage(EventId = 9200, Level = LogLevel.Information, Message = "Executing '{Function}' (queue message {MessageId}, dequeue count {DequeueCount})")]
    private partial void LogStart(string function, string messageId, long dequeueCount);

    [LoggerMessage(EventId = 9201, Level = LogLevel.Information, Message = "Executed '{Function}' (succeeded, message {MessageId})")]
    private partial void LogDone(string function, string messageId);

    [LoggerMessage(EventId = 9202, Level = LogLevel.Error, Message = "Executed '{Function}' (failed, message {MessageId}, dequeue count {DequeueCount})")]
    private partial void LogFailed(Exception exception, string function, string messageId, long dequeueCount);

    [LoggerMessage(EventId = 9203, Level = LogLevel.Warning, Message = "Moved message {MessageId} to {PoisonQueue}")]
    private partial void LogPoisoned(string messageId, string poisonQueue);

    [LoggerMessage(EventId = 9204, Level = LogLevel.Warning, Message = "Message {MessageId} on {Queue} is not base64")]
    private partial void LogUndecodable(string queue, string messageId);

    [LoggerMessage(EventId = 9205, Level = LogLevel.Warning, Message = "Polling {Queue} failed")]
    private partial void LogListenerError(Exception exception, string queue);
}
