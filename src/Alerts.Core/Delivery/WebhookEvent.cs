namespace Alerts.Core.Delivery;

/// <summary>The body of a webhook POST (Standard Webhooks envelope): <c>{"type":..,"timestamp":..,"data":{..}}</c>.</summary>
public sealed record WebhookEvent(string Type, DateTimeOffset Timestamp, object Data)
{
    public const string AlertCreated = "alert.created";
    public const string Test = "webhook.test";
}

/// <summary>The <c>data</c> of a <c>webhook.test</c> event.</summary>
public sealed record WebhookTestData(string WebhookId, string Message);
