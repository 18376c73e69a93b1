using System.Web;
using Alerts.Core.Storage;

namespace Alerts.Core.Feeds;

/// <summary>
/// The item key: SHA-256 of a canonical identity, so the same story seen twice (another feed, http vs https,
/// tracking parameters) is one item.
/// </summary>
public static class ItemIdentity
{
    private static readonly string[] TrackingPrefixes = ["utm_", "mc_"];

    private static readonly HashSet<string> TrackingNames = new(StringComparer.OrdinalIgnoreCase) { "fbclid", "gclid", "igshid", "ref", "ref_src", "cmpid", "ocid" };

    public static string Key(FeedItem item, string feedId)
        => TableKeys.Hash(CanonicalIdentity(item, feedId));

    public static string CanonicalIdentity(FeedItem item, string feedId)
    {
        if (item.Link is { } link && CanonicalLink(link) is { } canonical)
        {
            return "link:" + canonical;
        }

        // A GUID is only used when there is no link: many feeds change GUIDs on republish while the link stays.
        if (!string.IsNullOrWhiteSpace(item.Id))
        {
            return "id:" + feedId + ":" + item.Id;
        }

        return "title:" + feedId + ":" + item.Title.Trim().ToLowerInvariant();
    }

    /// <summary>Scheme, <c>www.</c>, fragment and tracking parameters removed; null when the link is not absolute http(s).</summary>
    public static string? CanonicalLink(string link)
    {
        if (!Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        var host = uri.Host.ToLowerInvariant();
        if (host.StartsWith("www.", StringComparison.Ordinal))
        {
            host = host[4..];
        }

        var query = HttpUtility.ParseQueryString(uri.Query);
        var kept = query.AllKeys
            .Where(k => k is null || !IsTracking(k))
            .OrderBy(k => k, StringComparer.Ordinal)
            .Select(k => k is null ? Uri.EscapeDataString(query[k] ?? "") : Uri.EscapeDataString(k) + "=" + Uri.EscapeDataString(query[k] ?? ""));
        var queryText = string.Join('&', kept);
        var port = uri.IsDefaultPort ? "" : ":" + uri.Port;
        var path = uri.AbsolutePath.TrimEnd('/');
        return host + port + path + (queryText.Length > 0 ? "?" + queryText : "");
    }

    private static bool IsTracking(string name)
        => TrackingNames.Contains(name) || TrackingPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase));
}
