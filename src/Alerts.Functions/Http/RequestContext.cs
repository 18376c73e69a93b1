using Alerts.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Alerts.Functions.Http;

/// <summary>What the subscription functions read from a request besides its body: the caller's address and token.</summary>
public static class RequestContext
{
    /// <summary>
    /// The client address for rate limits. Behind Azure's front end (<c>Alerts:TrustForwardedFor</c>) it is the last
    /// <c>X-Forwarded-For</c> entry, the one the front end appended; earlier entries are whatever the client sent.
    /// </summary>
    public static string ClientAddress(HttpRequest request, AlertsOptions options)
    {
        if (options.TrustForwardedFor && request.Headers["X-Forwarded-For"].ToString() is { Length: > 0 } forwarded)
        {
            var last = forwarded.Split(',').Last().Trim();

            // Azure writes "address:port"; an IPv6 address has colons of its own and comes bracketed with a port.
            return last.StartsWith('[') ? last[1..last.IndexOf(']', StringComparison.Ordinal)]
                : last.Count(c => c == ':') == 1 ? last[..last.IndexOf(':', StringComparison.Ordinal)]
                : last;
        }

        return request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }

    /// <summary>The manage or unsubscribe token from <c>Authorization: Bearer</c> or the <c>token</c> query parameter.</summary>
    public static string? Token(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        return request.Query["token"].Count == 1 ? request.Query["token"].ToString() : null;
    }

    public static string? IfMatch(HttpRequest request)
        => request.Headers[HeaderNames.IfMatch].Count == 1 ? request.Headers[HeaderNames.IfMatch].ToString() : null;
}
