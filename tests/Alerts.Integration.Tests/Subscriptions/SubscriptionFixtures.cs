using Alerts.Integration.Tests.Infrastructure;

namespace Alerts.Integration.Tests.Subscriptions;

/// <summary><c>alerts serve</c> with webhooks locked down (the default) and limits high enough for tables of hostile input and the fuzz run.</summary>
public sealed class SubscriptionsServe : ServeFixture
{
    public const string Collection = "subscriptions serve";

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Alerts__RateLimits__SubscribePerIp"] = "1000000",
        ["Alerts__RateLimits__SubscribePerAddress"] = "1000000",
        ["Alerts__RateLimits__WebhooksPerIp"] = "1000000",
        ["Alerts__RateLimits__WebhooksPerHost"] = "1000000",
    };
}

/// <summary><c>alerts serve</c> that lets webhooks reach receivers on 127.0.0.1, with a low per-address subscribe limit.</summary>
public sealed class InsecureWebhooksServe : ServeFixture
{
    public const int SubscribePerAddress = 2;

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Alerts__AllowInsecureWebhooks"] = "true",
        ["Alerts__RateLimits__SubscribePerAddress"] = SubscribePerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

[CollectionDefinition(SubscriptionsServe.Collection)]
public sealed class SubscriptionsServeDefinition : ICollectionFixture<SubscriptionsServe>;
