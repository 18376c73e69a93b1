namespace Alerts.Core.Storage;

/// <summary>
/// What one prune run deleted (a dry run: would delete) per kind of row. <see cref="Complete"/> is false when the
/// run stopped at its time budget; the next run carries on.
/// </summary>
public sealed record PruneReport(IReadOnlyList<PruneCount> Counts, bool Complete, bool DryRun)
{
    public long Total => Counts.Sum(c => c.Rows);
}

/// <summary>Rows of one kind (<see cref="PruneTargets"/>) in <see cref="Table"/>.</summary>
public sealed record PruneCount(string Name, string Table, long Rows);
