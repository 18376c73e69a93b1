using System.Security;
using System.Text;

namespace Alerts.Integration.Tests.Feeds;

/// <summary>RSS documents for the feed server routes of the feed tests.</summary>
internal static class FeedDocuments
{
    public sealed record Story(string Title, string Link, string Guid);

    public static string Rss(string title, IEnumerable<Story> stories)
    {
        var xml = new StringBuilder();
        xml.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>").Append(SecurityElement.Escape(title)).Append("</title><link>http://example.org/</link>");
        foreach (var story in stories)
        {
            xml.Append("<item><title>").Append(SecurityElement.Escape(story.Title)).Append("</title><link>").Append(SecurityElement.Escape(story.Link))
                .Append("</link><guid isPermaLink=\"false\">").Append(SecurityElement.Escape(story.Guid)).Append("</guid><description>Text.</description></item>");
        }

        return xml.Append("</channel></rss>").ToString();
    }

    public static string Simple(string title, int items = 2)
        => Rss(title, Enumerable.Range(1, items).Select(i => new Story($"{title} story number {i} about tariffs", $"https://example.org/{Uri.EscapeDataString(title)}/{i}", $"{title}-{i}")));
}
