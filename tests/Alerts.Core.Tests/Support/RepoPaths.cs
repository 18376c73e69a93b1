namespace Alerts.Core.Tests.Support;

/// <summary>Locates files of the repository the tests were built from.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder holding <c>Alerts.sln</c>, found by walking up from the test output folder.</summary>
    public static string Root => RootPath.Value;

    public static string SampleFeeds => Path.Combine(Root, "samples", "feeds");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Alerts.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder containing Alerts.sln above {AppContext.BaseDirectory}.");
    }
}
