namespace Alerts.Core.Storage;

/// <summary>The kinds of rows <c>PruneStorage</c> prunes, in the order it prunes them.</summary>
public static class PruneTargets
{
    public const string Counters = "counters";
    public const string UnmatchedMarkers = "unmatched-markers";
    public const string TitleMarkers = "title-markers";
    public const string Items = "items";

    /// <summary>Last, so a delivery record never goes before the item it refers to.</summary>
    public const string Deliveries = "deliveries";
}
