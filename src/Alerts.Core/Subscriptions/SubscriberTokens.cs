using System.Security.Cryptography;
using System.Text;

namespace Alerts.Core.Subscriptions;

/// <summary>
/// Manage and unsubscribe tokens for email links. They are derived (HMAC-SHA256 of purpose, subscriber id and
/// token generation under <c>Alerts:TokenKey</c>) rather than random and stored, because every digest must carry
/// them again and a stored hash cannot be turned back into a link. Nothing about them is stored; bumping
/// <see cref="SubscriberEntity.TokenGeneration"/> revokes every link issued before.
/// </summary>
public sealed class SubscriberTokens(byte[] key)
{
    public const string Manage = "manage";
    public const string Unsubscribe = "unsubscribe";

    public string Create(string purpose, string subscriberId, int generation)
    {
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{purpose}\n{subscriberId}\n{generation}"));
        return $"{subscriberId}.{Base64Url(mac)}";
    }

    /// <summary>The subscriber id a token names, or null; the caller still checks the generation via <see cref="Verify"/>.</summary>
    public static string? SubscriberIdOf(string? token)
    {
        var dot = token?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        return dot > 0 ? token![..dot] : null;
    }

    public bool Verify(string? token, string purpose, string subscriberId, int generation)
    {
        if (token is null)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Create(purpose, subscriberId, generation));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(token));
    }

    private static string Base64Url(byte[] bytes)
        => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
