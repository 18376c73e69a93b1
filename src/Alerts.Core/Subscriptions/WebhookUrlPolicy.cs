using System.Net;
using Alerts.Core.Net;

namespace Alerts.Core.Subscriptions;

/// <summary>
/// Rules for a webhook URL at registration: https (http only when insecure webhooks are allowed), no credentials,
/// at most 2,048 characters, a host that is a public address or a name that resolves only to public addresses.
/// Delivery checks the address again at connect time (<see cref="WebhookConnectGuard"/>).
/// </summary>
public sealed class WebhookUrlPolicy(WebhookAddressPolicy addresses)
{
    public const int MaxLength = 2048;

    /// <summary>The parsed URL when its form is acceptable; otherwise null with the reason in <paramref name="errors"/>.</summary>
    public Uri? CheckForm(string? url, ValidationErrors errors)
    {
        const string field = "url";
        if (string.IsNullOrWhiteSpace(url))
        {
            errors.Add(field, "Required.");
            return null;
        }

        if (url.Length > MaxLength)
        {
            errors.Add(field, $"May be at most {MaxLength} characters.");
            return null;
        }

        if (url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\'))
        {
            errors.Add(field, "May not contain spaces, backslashes or control characters.");
            return null;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.IsFile || uri.IsUnc)
        {
            errors.Add(field, "Must be an absolute https URL.");
            return null;
        }

        var allowedScheme = uri.Scheme == Uri.UriSchemeHttps || (addresses.AllowInsecure && uri.Scheme == Uri.UriSchemeHttp);
        if (!allowedScheme)
        {
            errors.Add(field, "Must use https.");
            return null;
        }

        if (uri.UserInfo.Length > 0 || RawAuthority(url).Contains('@', StringComparison.Ordinal))
        {
            errors.Add(field, "May not contain credentials.");
            return null;
        }

        if (uri.Fragment.Length > 0)
        {
            errors.Add(field, "May not contain a fragment.");
            return null;
        }

        var host = uri.IdnHost.TrimEnd('.');
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            if (addresses.Refusal(literal) is { } reason)
            {
                errors.Add(field, $"The host {literal} is {reason}; webhooks go to public addresses only.");
                return null;
            }
        }
        else if (!addresses.AllowInsecure && (!host.Contains('.', StringComparison.Ordinal) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add(field, "The host must be a public domain name; single-label names and localhost are refused.");
            return null;
        }

        return uri;
    }

    // The text between "://" and the path as typed, before any parser has had a chance to disagree about it.
    private static string RawAuthority(string url)
    {
        var start = url.IndexOf("://", StringComparison.Ordinal);
        var rest = start < 0 ? url : url[(start + 3)..];
        var end = rest.IndexOfAny(['/', '?', '#']);
        return end < 0 ? rest : rest[..end];
    }

    /// <summary>Null when the host resolves only to addresses webhooks may reach; otherwise why not.</summary>
    public async Task<string?> CheckHostAsync(Uri uri, CancellationToken cancellationToken)
    {
        var (_, refusal) = await addresses.ResolveAsync(uri.IdnHost, cancellationToken).ConfigureAwait(false);
        return refusal is null ? null : $"Refused: {refusal}; webhooks go to public addresses only.";
    }
}
