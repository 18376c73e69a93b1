using Alerts.Core.Delivery;
using Microsoft.Extensions.Logging;

namespace Alerts.Core.Subscriptions;

/// <summary>Webhook subscriptions: register, delete, rotate the signing secret and send a test event, with the manage token.</summary>
public sealed partial class WebhookService(
    SubscriberStore store,
    SubscriptionPreferences preferences,
    WebhookUrlPolicy urls,
    SubscriberTokens tokens,
    AbuseLimits limits,
    DeliverWebhookService deliveries,
    TimeProvider time,
    ILogger<WebhookService> logger)
{
    public const string TestEventType = WebhookEvent.Test;
    public const int MaxDescriptionLength = 200;

    private const int Attempts = 3;

    public async Task<ApiOutcome<WebhookCreated>> CreateAsync(WebhookRequest request, string clientAddress, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var uri = urls.CheckForm(request.Url, errors);
        var topics = request.Topics is null ? null : preferences.Topics(request.Topics, "topics", errors);
        if (request.Topics is null)
        {
            errors.Add("topics", "Choose at least one topic.");
        }

        var description = request.Description?.Trim();
        if (description is { Length: > MaxDescriptionLength } || description?.Any(char.IsControl) == true)
        {
            errors.Add("description", $"At most {MaxDescriptionLength} characters without control characters.");
        }

        if (errors.Any)
        {
            return ApiProblem.Validation(errors);
        }

        if (limits.Check((AbuseLimits.WebhooksPerIp, clientAddress), (AbuseLimits.WebhooksPerHost, uri!.IdnHost)) is { } limited)
        {
            return limited;
        }

        if (await urls.CheckHostAsync(uri, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            return ApiProblem.BadRequest("url", refusal);
        }

        var webhook = new SubscriberEntity
        {
            PartitionKey = SubscriberEntity.WebhookPartition,
            RowKey = SubscriberIds.NewWebhookId(),
            Address = uri.AbsoluteUri,
            Status = SubscriberStatus.Active,
            Topics = string.Join(',', topics!),
            Cadence = Cadence.Immediate,
            Description = string.IsNullOrEmpty(description) ? null : description,
            WebhookSecret = WebhookSignature.NewSecret(),
            CreatedAt = time.GetUtcNow(),
            DigestWatermark = time.GetUtcNow(),
        };
        await store.TryAddAsync(webhook, cancellationToken).ConfigureAwait(false);
        LogRegistered(webhook.RowKey, uri.IdnHost);
        return new WebhookCreated(webhook.RowKey, webhook.Address, webhook.TopicIds, webhook.Description, webhook.WebhookSecret, tokens.Create(SubscriberTokens.Manage, webhook.RowKey, webhook.TokenGeneration));
    }

    public async Task<ApiOutcome<bool>> DeleteAsync(string id, string? token, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var webhook = await AuthorisedAsync(id, token, cancellationToken).ConfigureAwait(false);
            if (webhook is null)
            {
                return ApiProblem.InvalidToken();
            }

            if (await store.DeleteAsync(webhook, cancellationToken).ConfigureAwait(false))
            {
                LogDeleted(id);
                return true;
            }
        }

        return ApiProblem.Conflict();
    }

    public async Task<ApiOutcome<WebhookSecretRotated>> RotateSecretAsync(string id, string? token, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var webhook = await AuthorisedAsync(id, token, cancellationToken).ConfigureAwait(false);
            if (webhook is null)
            {
                return ApiProblem.InvalidToken();
            }

            webhook.WebhookSecret = WebhookSignature.NewSecret();
            if (await store.UpdateAsync(webhook, cancellationToken).ConfigureAwait(false))
            {
                return new WebhookSecretRotated(id, webhook.WebhookSecret);
            }
        }

        return ApiProblem.Conflict();
    }

    /// <summary>Posts a signed <c>webhook.test</c> event now and reports what the receiver answered.</summary>
    public async Task<ApiOutcome<WebhookTestResult>> SendTestAsync(string id, string? token, CancellationToken cancellationToken)
    {
        var webhook = await AuthorisedAsync(id, token, cancellationToken).ConfigureAwait(false);
        if (webhook is null)
        {
            return ApiProblem.InvalidToken();
        }

        if (limits.Check((AbuseLimits.TestEventsPerWebhook, id)) is { } limited)
        {
            return limited;
        }

        var errors = new ValidationErrors();
        if (urls.CheckForm(webhook.Address, errors) is null)
        {
            return new WebhookTestResult(false, null, string.Join(" ", errors.ToDictionary().Values.SelectMany(m => m)));
        }

        var attempt = await deliveries.SendTestAsync(webhook, cancellationToken).ConfigureAwait(false);
        return new WebhookTestResult(attempt.Outcome == WebhookOutcome.Delivered, attempt.Status, attempt.Error);
    }

    private async Task<SubscriberEntity?> AuthorisedAsync(string id, string? token, CancellationToken cancellationToken)
    {
        if (!SubscriberIds.IsWellFormed(id) || SubscriberIds.FromToken(token) != id)
        {
            return null;
        }

        var webhook = await store.GetAsync(SubscriberEntity.WebhookPartition, id, cancellationToken).ConfigureAwait(false);
        return webhook is not null && tokens.Verify(token, SubscriberTokens.Manage, id, webhook.TokenGeneration) ? webhook : null;
    }

    [LoggerMessage(EventId = 5020, Level = LogLevel.Information, Message = "Registered webhook {WebhookId} for host {Host}")]
    private partial void LogRegistered(string webhookId, string host);

    [LoggerMessage(EventId = 5021, Level = LogLevel.Information, Message = "Deleted webhook {WebhookId}")]
    private partial void LogDeleted(string webhookId);
}

/// <summary>The answer to registering a webhook: the only time the secret and manage token are shown.</summary>
public sealed record WebhookCreated(string Id, string Url, IReadOnlyList<string> Topics, string? Description, string Secret, string ManageToken);

public sealed record WebhookSecretRotated(string Id, string Secret);

public sealed record WebhookTestResult(bool Delivered, int? StatusCode, string? Error);
