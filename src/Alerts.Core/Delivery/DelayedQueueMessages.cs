using System.Text.Json;
using Alerts.Core.Storage;
using Azure.Storage.Queues;

namespace Alerts.Core.Delivery;

/// <summary>Queue messages that become visible only after a delay: how digest jobs wait for a busy claim and webhook retries wait their turn.</summary>
public static class DelayedQueueMessages
{
    /// <summary>Azure queues accept visibility delays of up to seven days.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7);

    public static async Task SendAfterAsync<T>(this QueueClient queue, T message, TimeSpan delay, CancellationToken cancellationToken)
    {
        var visible = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxDelay ? MaxDelay : delay;
        await queue.SendMessageAsync(JsonSerializer.Serialize(message, QueueMessages.Json), visibilityTimeout: visible, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
