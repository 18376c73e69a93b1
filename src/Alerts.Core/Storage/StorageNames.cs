namespace Alerts.Core.Storage;

/// <summary>Table and queue names: contracts shared by the app, the local runner, operators and docs.</summary>
public static class StorageNames
{
    public const string FeedsTable = "Feeds";
    public const string SeenItemsTable = "SeenItems";
    public const string ItemsTable = "Items";
    public const string SubscribersTable = "Subscribers";
    public const string DeliveriesTable = "Deliveries";
    public const string StatusTable = "Status";

    public const string NewsItemsQueue = "news-items";
    public const string DigestJobsQueue = "digest-jobs";
    public const string WebhookDeliveriesQueue = "webhook-deliveries";

    public const string PoisonSuffix = "-poison";

    public static readonly IReadOnlyList<string> Queues = [NewsItemsQueue, DigestJobsQueue, WebhookDeliveriesQueue];

    public static string Poison(string queue) => queue + PoisonSuffix;
}
