namespace Alerts.Core.Status;

/// <summary>The counters of one UTC hour, keyed by counter name (see <see cref="Counters"/>).</summary>
public sealed record HourlyCounts(DateTimeOffset Hour, IReadOnlyDictionary<string, long> Counts)
{
    public long this[string name] => Counts.GetValueOrDefault(name);
}
