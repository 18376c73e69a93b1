namespace Alerts.Core.Subscriptions;

/// <summary>Body of <c>POST /api/webhooks</c>.</summary>
public sealed record WebhookRequest(string? Url, IReadOnlyList<string?>? Topics, string? Description = null);
