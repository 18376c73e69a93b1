using Microsoft.Extensions.Logging;

namespace Alerts.Core.Subscriptions;

/// <summary>One-click unsubscribe (RFC 8058) with the per-subscriber token every email carries.</summary>
public sealed partial class UnsubscribeService(SubscriberStore store, SubscriberTokens tokens, ILogger<UnsubscribeService> logger)
{
    public const string Reason = "unsubscribed by link";

    private const int Attempts = 3;

    /// <summary>The subscriber the token names, for the page that asks to confirm; no change is made.</summary>
    public async Task<ApiOutcome<SubscriberEntity>> FindAsync(string? token, CancellationToken cancellationToken)
        => await AuthorisedAsync(token, cancellationToken).ConfigureAwait(false) is { } subscriber ? subscriber : ApiProblem.InvalidToken();

    /// <summary>Unsubscribes at once; unsubscribing again answers the same.</summary>
    public async Task<ApiOutcome<SubscriberEntity>> UnsubscribeAsync(string? token, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var subscriber = await AuthorisedAsync(token, cancellationToken).ConfigureAwait(false);
            if (subscriber is null)
            {
                return ApiProblem.InvalidToken();
            }

            if (subscriber.Status == SubscriberStatus.Unsubscribed)
            {
                return subscriber;
            }

            subscriber.Status = SubscriberStatus.Unsubscribed;
            subscriber.StatusReason = Reason;
            subscriber.ConfirmTokenHash = null;
            subscriber.ConfirmTokenExpires = null;
            if (await store.UpdateAsync(subscriber, cancellationToken).ConfigureAwait(false))
            {
                LogUnsubscribed(subscriber.RowKey);
                return subscriber;
            }
        }

        return ApiProblem.Conflict();
    }

    private async Task<SubscriberEntity?> AuthorisedAsync(string? token, CancellationToken cancellationToken)
    {
        if (SubscriberIds.FromToken(token) is not { } id)
        {
            return null;
        }

        var subscriber = await store.GetAsync(SubscriberEntity.EmailPartition, id, cancellationToken).ConfigureAwait(false);
        return subscriber is not null && tokens.Verify(token, SubscriberTokens.Unsubscribe, id, subscriber.TokenGeneration) ? subscriber : null;
    }

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "Subscriber {SubscriberId} unsubscribed")]
    private partial void LogUnsubscribed(string subscriberId);
}
