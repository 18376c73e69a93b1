using System.Security.Cryptography;
using System.Text;

namespace Alerts.Core.Subscriptions;

/// <summary>
/// Double opt-in tokens: the subscriber id, a dot and 32 random bytes (base64url). Only the SHA-256 of the whole
/// token is stored, so a leaked table does not confirm anyone; the id in front lets confirmation read one row.
/// </summary>
public static class ConfirmTokens
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public static string Create(string subscriberId)
        => subscriberId + "." + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static bool Matches(string token, string? storedHash)
        => storedHash is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(token)), Encoding.ASCII.GetBytes(storedHash));
}
