using System.Text.RegularExpressions;
using MimeKit;

namespace Alerts.Integration.Tests.Subscriptions;

/// <summary>Reads the emails <c>alerts serve</c> wrote to its file outbox.</summary>
internal static partial class Outbox
{
    public static IReadOnlyList<MimeMessage> To(string outboxPath, string address)
        => Directory.Exists(outboxPath)
            ? Directory.GetFiles(outboxPath, "*.eml").Order(StringComparer.Ordinal)
                .Select(f => MimeMessage.Load(f))
                .Where(m => m.To.Mailboxes.Any(x => string.Equals(x.Address, address, StringComparison.OrdinalIgnoreCase)))
                .ToList()
            : [];

    /// <summary>The confirmation link in the latest email to <paramref name="address"/>.</summary>
    public static Uri ConfirmLink(string outboxPath, string address)
    {
        var messages = To(outboxPath, address);
        var message = messages.Count > 0 ? messages[^1] : throw new InvalidOperationException($"No email to {address} in {outboxPath}.");
        return new Uri(ConfirmUrl().Match(message.TextBody ?? "").Value);
    }

    [GeneratedRegex(@"https?://\S+/api/subscriptions/confirm\?token=[A-Za-z0-9._~%-]+")]
    private static partial Regex ConfirmUrl();
}
