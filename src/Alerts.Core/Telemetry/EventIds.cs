namespace Alerts.Core.Telemetry;

/// <summary>
/// Event id ranges, one per area, so a log query can select an area by id. Each service declares its own
/// events with <c>[LoggerMessage(EventId = EventIds.Feeds + n)]</c>.
/// </summary>
public static class EventIds
{
    public const int Feeds = 1000;
    public const int Classification = 2000;
    public const int Delivery = 3000;
    public const int Subscriptions = 4000;
    public const int Runs = 5000;
    public const int Status = 6000;
    public const int Retention = 7000;

    /// <summary>The local runner (<c>alerts serve</c>): timers, queue listeners, admin API.</summary>
    public const int Runner = 9000;
}
