using Alerts.Core.Feeds;
using Alerts.Core.Tests.Support;

namespace Alerts.Core.Tests.Feeds;

/// <summary>Our committed feed fixtures (Feeds/Fixtures), one per real-world mess or attack.</summary>
internal static class FeedFixtures
{
    public static string PathOf(string name) => Path.Combine(RepoPaths.Root, "tests", "Alerts.Core.Tests", "Feeds", "Fixtures", name);

    public static ParsedFeed Parse(string name, string? contentType = null, Uri? baseUri = null)
    {
        using var stream = File.OpenRead(PathOf(name));
        return FeedParser.Parse(stream, contentType, baseUri);
    }
}
