using System.Security.Cryptography;
using System.Text;

namespace Alerts.Core.Storage;

public static class TableKeys
{
    /// <summary>Lower-case hex SHA-256: safe as a RowKey and stable across processes.</summary>
    public static string Hash(string value)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>A RowKey prefix that sorts newest first.</summary>
    public static string InvertedTicks(DateTimeOffset time)
        => (DateTimeOffset.MaxValue.UtcTicks - time.UtcTicks).ToString("D19", System.Globalization.CultureInfo.InvariantCulture);

    public static string Day(DateTimeOffset time)
        => time.UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
}
