namespace Alerts.Integration.Tests.Infrastructure;

/// <summary>Where the repository and the build outputs the tests run are.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: the same configuration the tests were built in.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string CliDll => Path.Combine(Root, "src", "Alerts.Cli", "bin", Configuration, "net10.0", "alerts.dll");

    public static string FunctionsOutput => Path.Combine(Root, "src", "Alerts.Functions", "bin", Configuration, "net10.0");

    public static string Azurite => Path.Combine(Root, "node_modules", ".bin", "azurite");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Alerts.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Alerts.sln not found above " + AppContext.BaseDirectory);
    }
}
