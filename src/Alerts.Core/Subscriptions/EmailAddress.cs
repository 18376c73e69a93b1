using System.Net.Mail;

namespace Alerts.Core.Subscriptions;

/// <summary>Validates and normalises an email address: RFC 5321 lengths, no characters that could inject headers.</summary>
public static class EmailAddress
{
    public static bool TryNormalise(string? input, out string normalised, out string error)
    {
        normalised = "";
        var trimmed = input?.Trim() ?? "";
        if (trimmed.Length is 0 or > 254)
        {
            error = "An email address must be 1 to 254 characters long.";
            return false;
        }

        if (trimmed.IndexOfAny(['\r', '\n', ',', ';', '<', '>', '"', ' ']) >= 0)
        {
            error = "An email address may not contain spaces, quotes, angle brackets, commas, semicolons or line breaks.";
            return false;
        }

        var at = trimmed.LastIndexOf('@');
        if (at is <= 0 or > 64 || at == trimmed.Length - 1 || !MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed)
        {
            error = "Not a valid email address.";
            return false;
        }

        normalised = trimmed[..at] + "@" + trimmed[(at + 1)..].ToLowerInvariant();
        error = "";
        return true;
    }
}
