namespace Alerts.Core.Subscriptions;

/// <summary>An email subscription as the API shows it to its owner.</summary>
public sealed record SubscriptionView(
    string Id,
    string Email,
    string Status,
    IReadOnlyList<string> Topics,
    string Cadence,
    string TimeZone,
    int SendHour,
    string MinSeverity,
    KeywordFilter Keywords,
    IReadOnlyList<string> Countries)
{
    public static SubscriptionView Of(SubscriberEntity subscriber) => new(
        subscriber.RowKey,
        subscriber.Address,
        subscriber.Status,
        subscriber.TopicIds,
        subscriber.Cadence,
        subscriber.TimeZone,
        subscriber.SendHour,
        subscriber.MinSeverity,
        new KeywordFilter(SubscriptionPreferences.ReadJsonArray(subscriber.KeywordsInclude), SubscriptionPreferences.ReadJsonArray(subscriber.KeywordsExclude)),
        subscriber.Countries.Split(',', StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>What confirming answers: the subscription and the link to manage it.</summary>
public sealed record ConfirmedSubscription(SubscriptionView Subscription, Uri ManageUrl, string ManageToken, Uri UnsubscribeUrl);
