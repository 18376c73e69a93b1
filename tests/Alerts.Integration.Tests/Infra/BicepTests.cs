namespace Alerts.Integration.Tests.Infra;

/// <summary>The infrastructure compiles and lints clean with the pinned Bicep CLI, offline.</summary>
public sealed class BicepTests
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];

    [Fact]
    public async Task Main_template_builds_without_diagnostics()
    {
        var result = await BicepCli.RunAsync(DeploymentSnapshot.InfraDirectory, NoEnvironment, "build", "main.bicep", "--stdout");

        Assert.True(result.ExitCode == 0 && result.Error.Length == 0, result.ToString());
        Assert.Contains("\"$schema\"", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_reports_nothing_for_the_template_and_its_modules()
    {
        // Linting main.bicep reports the modules' diagnostics too, with their file names.
        var result = await BicepCli.RunAsync(DeploymentSnapshot.InfraDirectory, NoEnvironment, "lint", "main.bicep");

        Assert.True(result.ExitCode == 0 && result.Output.Length == 0 && result.Error.Length == 0, result.ToString());
    }

    [Fact]
    public async Task Bicep_files_are_formatted_as_bicep_format_writes_them()
    {
        var copy = Directory.CreateTempSubdirectory("alerts-infra-format-");
        try
        {
            DeploymentSnapshot.CopyInfraTo(copy.FullName);

            var result = await BicepCli.RunAsync(copy.FullName, NoEnvironment, "format", "--pattern", "**/*.bicep*");

            Assert.True(result.ExitCode == 0 && result.Error.Length == 0, result.ToString());
            var files = Directory.EnumerateFiles(DeploymentSnapshot.InfraDirectory, "*.bicep*", SearchOption.AllDirectories).ToList();
            Assert.Contains(files, f => f.EndsWith("main.bicepparam", StringComparison.Ordinal));
            var unformatted = files
                .Where(f => File.ReadAllText(f) != File.ReadAllText(Path.Combine(copy.FullName, Path.GetRelativePath(DeploymentSnapshot.InfraDirectory, f))))
                .Select(f => Path.GetRelativePath(DeploymentSnapshot.InfraDirectory, f))
                .ToList();
            Assert.True(unformatted.Count == 0, "Run `bicep format` on: " + string.Join(", ", unformatted));
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Parameters_file_builds_and_lints_clean_from_the_deployment_environment()
    {
        var build = await BicepCli.RunAsync(DeploymentSnapshot.InfraDirectory, DeploymentSnapshot.Environment(), "build-params", "main.bicepparam", "--stdout");
        var lint = await BicepCli.RunAsync(DeploymentSnapshot.InfraDirectory, DeploymentSnapshot.Environment(), "lint", "main.bicepparam");

        Assert.True(build.ExitCode == 0 && build.Error.Length == 0, build.ToString());
        Assert.Contains(DeploymentSnapshot.SenderAddress, build.Output, StringComparison.Ordinal);
        Assert.True(lint.ExitCode == 0 && lint.Output.Length == 0 && lint.Error.Length == 0, lint.ToString());
    }

    [Fact]
    public async Task Parameters_file_refuses_to_build_without_the_secrets()
    {
        var environment = DeploymentSnapshot.Environment();
        environment["SENDGRID_API_KEY"] = null;
        environment["ALERTS_TOKEN_KEY"] = null;

        var result = await BicepCli.RunAsync(DeploymentSnapshot.InfraDirectory, environment, "build-params", "main.bicepparam", "--stdout");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("SENDGRID_API_KEY", result.Error, StringComparison.Ordinal);
        Assert.Contains("ALERTS_TOKEN_KEY", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parameters_file_refuses_a_token_key_shorter_than_32_bytes()
    {
        var environment = DeploymentSnapshot.Environment();
        environment["ALERTS_TOKEN_KEY"] = Convert.ToBase64String(new byte[16]);

        var result = await BicepCli.RunAsync(DeploymentSnapshot.InfraDirectory, environment, "build-params", "main.bicepparam", "--stdout");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("minimum allowable length is 44", result.Error, StringComparison.Ordinal);
    }
}
