using Azure;
using Azure.Data.Tables;

namespace Alerts.Core.Status;

/// <summary>A row of <c>Status</c> (partition <c>count-yyyyMMddHH</c>): one counter for one UTC hour.</summary>
public sealed class CounterEntity : ITableEntity
{
    public const string PartitionPrefix = "count-";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public long Value { get; set; }
}
