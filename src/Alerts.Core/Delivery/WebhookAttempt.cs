using Azure.Storage.Queues.Models;

namespace Alerts.Core.Delivery;

/// <summary>
/// What one delivery attempt came to. <see cref="Retry"/> is the receipt of the queued retry (visible after
/// <see cref="RetryIn"/>), so a caller can follow the message.
/// </summary>
public sealed record WebhookAttempt(WebhookOutcome Outcome, int? Status = null, string? Error = null, TimeSpan? RetryIn = null, SendReceipt? Retry = null);

public enum WebhookOutcome
{
    /// <summary>Nothing to do: the endpoint is not active, the alert is gone, or it was delivered before.</summary>
    Skipped,
    Delivered,
    Retrying,

    /// <summary>The retry schedule ran out; the message went to the poison queue.</summary>
    GaveUp,

    /// <summary>The endpoint answered 410 Gone or failed for <see cref="DeliverWebhookService.DisableAfter"/>: it is disabled.</summary>
    Disabled,

    /// <summary>A <c>webhook.test</c> event that did not get a 2xx answer.</summary>
    Failed,
}
