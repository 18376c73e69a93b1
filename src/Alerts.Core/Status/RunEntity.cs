using Azure;
using Azure.Data.Tables;

namespace Alerts.Core.Status;

/// <summary>A row of <c>Status</c> (partition <c>run</c>): the last run of a timer function.</summary>
public sealed class RunEntity : ITableEntity
{
    public const string Partition = "run";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset? LastStart { get; set; }
    public DateTimeOffset? LastEnd { get; set; }
    public DateTimeOffset? LastSuccess { get; set; }
    public string Outcome { get; set; } = "";
    public int ItemsNew { get; set; }
}
