using Alerts.Core.Delivery;
using Microsoft.Extensions.Logging;

namespace Alerts.Core.Subscriptions;

/// <summary>Email subscriptions: subscribe with double opt-in, confirm, read and change preferences with the manage token.</summary>
public sealed partial class SubscriptionService(
    SubscriberStore store,
    SubscriptionPreferences preferences,
    SubscriberTokens tokens,
    ConfirmationEmail confirmation,
    IEmailSender email,
    AbuseLimits limits,
    SubscriptionLinks links,
    TimeProvider time,
    ILogger<SubscriptionService> logger)
{
    /// <summary>Repeated subscribe requests for an address do not send another confirmation within this time.</summary>
    public static readonly TimeSpan ResendCooldown = TimeSpan.FromMinutes(10);

    private const int Attempts = 3;

    /// <summary>Answers the same whether or not the address is known, so nobody can learn who subscribed.</summary>
    public async Task<ApiOutcome<SubscribeAccepted>> SubscribeAsync(SubscribeRequest request, string clientAddress, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (!EmailAddress.TryNormalise(request.Email, out var address, out var emailError))
        {
            errors.Add("email", emailError);
        }

        if (request.Topics is null)
        {
            errors.Add("topics", "Choose at least one topic.");
        }

        var requested = new SubscriberEntity();
        preferences.Apply(request.Preferences, requested, errors);
        if (errors.Any)
        {
            return ApiProblem.Validation(errors);
        }

        if (limits.Check((AbuseLimits.SubscribePerIp, clientAddress), (AbuseLimits.SubscribePerAddress, address)) is { } limited)
        {
            return limited;
        }

        var id = SubscriberStore.EmailSubscriberId(address);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var now = time.GetUtcNow();
            var subscriber = await store.GetAsync(SubscriberEntity.EmailPartition, id, cancellationToken).ConfigureAwait(false);
            if (subscriber is { Status: SubscriberStatus.Active } || subscriber?.ConfirmSentAt > now - ResendCooldown)
            {
                return SubscribeAccepted.Instance;
            }

            var isNew = subscriber is null;
            if (subscriber is null)
            {
                subscriber = requested;
                subscriber.RowKey = id;
                subscriber.Address = address;
                subscriber.CreatedAt = now;
            }
            else
            {
                if (subscriber.Status != SubscriberStatus.Pending)
                {
                    // Coming back after unsubscribing: links from the earlier subscription stop working.
                    subscriber.TokenGeneration++;
                }

                preferences.Apply(request.Preferences, subscriber, errors);
            }

            subscriber.Status = SubscriberStatus.Pending;
            subscriber.StatusReason = null;
            var token = ConfirmTokens.Create(id);
            subscriber.ConfirmTokenHash = ConfirmTokens.Hash(token);
            subscriber.ConfirmTokenExpires = now + ConfirmTokens.Lifetime;
            subscriber.ConfirmSentAt = now;
            var stored = isNew
                ? await store.TryAddAsync(subscriber, cancellationToken).ConfigureAwait(false)
                : await store.UpdateAsync(subscriber, cancellationToken).ConfigureAwait(false);
            if (stored)
            {
                await SendConfirmationAsync(subscriber, token, cancellationToken).ConfigureAwait(false);
                return SubscribeAccepted.Instance;
            }
        }

        // Others kept changing the row at the same moment: one of them sent the confirmation.
        return SubscribeAccepted.Instance;
    }

    public async Task<ApiOutcome<ConfirmedSubscription>> ConfirmAsync(string? token, CancellationToken cancellationToken)
    {
        var id = SubscriberIds.FromToken(token);
        if (id is null)
        {
            return ApiProblem.InvalidToken();
        }

        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var now = time.GetUtcNow();
            var subscriber = await store.GetAsync(SubscriberEntity.EmailPartition, id, cancellationToken).ConfigureAwait(false);
            if (subscriber is null || !ConfirmTokens.Matches(token!, subscriber.ConfirmTokenHash) || subscriber.ConfirmTokenExpires < now
                || subscriber.Status is not (SubscriberStatus.Pending or SubscriberStatus.Active))
            {
                return ApiProblem.InvalidToken();
            }

            // Confirming twice (a mail scanner opened the link first) answers the same as confirming once.
            if (subscriber.Status == SubscriberStatus.Active)
            {
                return Confirmed(subscriber);
            }

            subscriber.Status = SubscriberStatus.Active;
            subscriber.DigestWatermark = now - SubscriberStore.FirstDigestLookBack;
            if (await store.UpdateAsync(subscriber, cancellationToken).ConfigureAwait(false))
            {
                LogConfirmed(id);
                return Confirmed(subscriber);
            }
        }

        return ApiProblem.Conflict();
    }

    public async Task<ApiOutcome<ManagedSubscription>> GetAsync(string id, string? token, CancellationToken cancellationToken)
    {
        var subscriber = await AuthorisedAsync(id, token, cancellationToken).ConfigureAwait(false);
        return subscriber is null ? ApiProblem.InvalidToken() : Managed(subscriber);
    }

    /// <summary>Changes preferences; with <paramref name="ifMatch"/> only if the row is still the one the caller read.</summary>
    public async Task<ApiOutcome<ManagedSubscription>> UpdateAsync(string id, string? token, PreferencesRequest request, string? ifMatch, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var subscriber = await AuthorisedAsync(id, token, cancellationToken).ConfigureAwait(false);
            if (subscriber is null)
            {
                return ApiProblem.InvalidToken();
            }

            if (ifMatch is not null && ifMatch != "*" && Opaque(ifMatch) != Opaque(subscriber.ETag.ToString()))
            {
                return ApiProblem.Conflict();
            }

            var errors = new ValidationErrors();
            preferences.Apply(request, subscriber, errors);
            if (errors.Any)
            {
                return ApiProblem.Validation(errors);
            }

            if (await store.UpdateAsync(subscriber, cancellationToken).ConfigureAwait(false))
            {
                return Managed(subscriber);
            }

            if (ifMatch is not null)
            {
                return ApiProblem.Conflict();
            }
        }

        return ApiProblem.Conflict();
    }

    private async Task<SubscriberEntity?> AuthorisedAsync(string id, string? token, CancellationToken cancellationToken)
    {
        if (!SubscriberIds.IsWellFormed(id) || SubscriberIds.FromToken(token) != id)
        {
            return null;
        }

        var subscriber = await store.GetAsync(SubscriberEntity.EmailPartition, id, cancellationToken).ConfigureAwait(false);
        return subscriber is not null && tokens.Verify(token, SubscriberTokens.Manage, id, subscriber.TokenGeneration) ? subscriber : null;
    }

    // Table ETags are weak; clients may send them back with or without the W/ prefix.
    private static string Opaque(string etag) => etag.StartsWith("W/", StringComparison.Ordinal) ? etag[2..] : etag;

    private ManagedSubscription Managed(SubscriberEntity subscriber)
        => new(SubscriptionView.Of(subscriber), subscriber.ETag.ToString(), links.Unsubscribe(tokens.Create(SubscriberTokens.Unsubscribe, subscriber.RowKey, subscriber.TokenGeneration)));

    private ConfirmedSubscription Confirmed(SubscriberEntity subscriber)
    {
        var manage = tokens.Create(SubscriberTokens.Manage, subscriber.RowKey, subscriber.TokenGeneration);
        var unsubscribe = tokens.Create(SubscriberTokens.Unsubscribe, subscriber.RowKey, subscriber.TokenGeneration);
        return new ConfirmedSubscription(SubscriptionView.Of(subscriber), links.Manage(subscriber.RowKey, manage), manage, links.Unsubscribe(unsubscribe));
    }

    private async Task SendConfirmationAsync(SubscriberEntity subscriber, string token, CancellationToken cancellationToken)
    {
        try
        {
            await email.SendAsync(confirmation.Create(subscriber, token), cancellationToken).ConfigureAwait(false);
            LogConfirmationSent(subscriber.RowKey);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Let the next request try again at once instead of waiting out the cooldown for a mail that never left.
            subscriber.ConfirmSentAt = null;
            await store.UpdateAsync(subscriber, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Sent the confirmation email for subscriber {SubscriberId}")]
    private partial void LogConfirmationSent(string subscriberId);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Subscriber {SubscriberId} confirmed")]
    private partial void LogConfirmed(string subscriberId);
}

/// <summary>The answer to every well-formed subscribe request, known address or not.</summary>
public sealed record SubscribeAccepted(string Status, string Detail)
{
    public static readonly SubscribeAccepted Instance = new("accepted", "If this address can receive mail, a confirmation link is on its way. Nothing else is sent until it is confirmed.");
}

/// <summary>A subscription with the ETag to send back as <c>If-Match</c> and its unsubscribe link.</summary>
public sealed record ManagedSubscription(SubscriptionView Subscription, string ETag, Uri UnsubscribeUrl);
