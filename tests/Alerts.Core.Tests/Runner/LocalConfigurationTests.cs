using Alerts.Cli.Configuration;
using Alerts.Cli.Runner;
using Alerts.Core.Tests.Support;

namespace Alerts.Core.Tests.Runner;

/// <summary>These tests change process environment variables, so they run alone.</summary>
[CollectionDefinition(nameof(LocalConfigurationTests), DisableParallelization = true)]
public sealed class EnvironmentVariablesDefinition;

[Collection(nameof(LocalConfigurationTests))]
public sealed class LocalConfigurationTests : IDisposable
{
    private const string OutboxVariable = "Alerts__OutboxPath";
    private const string ScheduleVariable = "Alerts__PollSchedule";
    private const string SubscriberVariable = "Alerts__SampleSubscriber";

    private readonly TempDirectory _temp = new();
    private readonly Dictionary<string, string?> _saved = [];

    public LocalConfigurationTests()
    {
        // Start from a known environment: none of the variables these tests look at are set.
        foreach (var name in new[] { OutboxVariable, ScheduleVariable, SubscriberVariable, "Alerts__AdminKey", "Alerts__SeedSampleFeeds", "AzureWebJobsStorage" })
        {
            SetVariable(name, null);
        }
    }

    public void Dispose()
    {
        foreach (var (name, value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        _temp.Dispose();
    }

    private void SetVariable(string name, string? value)
    {
        _saved.TryAdd(name, Environment.GetEnvironmentVariable(name));
        Environment.SetEnvironmentVariable(name, value);
    }

    private static readonly Dictionary<string, string?> NoOverrides = [];

    private void WriteSettings(string json, string? folder = null)
    {
        var directory = folder is null ? _temp.Path : Path.Combine(_temp.Path, folder);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, LocalConfiguration.SettingsFile), json);
    }

    [Fact]
    public void Without_a_settings_file_the_embedded_defaults_apply()
    {
        var configuration = LocalConfiguration.Build(_temp.Path, NoOverrides);

        Assert.Equal("UseDevelopmentStorage=true", configuration["AzureWebJobsStorage"]);
        Assert.Equal("true", configuration["Alerts:SeedSampleFeeds"]);
        Assert.Equal("you@example.com", configuration["Alerts:SampleSubscriber"]);
        Assert.Equal("0 */5 * * * *", configuration["Alerts:PollSchedule"]);
        Assert.Equal("0 * * * * *", configuration["Alerts:DigestSchedule"]);
    }

    [Fact]
    public void Settings_file_values_override_defaults_under_both_name_forms()
    {
        WriteSettings("""
            {
              "IsEncrypted": false,
              "Values": {
                "AzureWebJobsStorage": "UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://127.0.0.1",
                "Alerts:PollSchedule": "0 */10 * * * *",
                "Alerts__SampleSubscriber": "local@example.org",
                "Alerts__SendGrid__From": "from@example.org",
                "Alerts:MaxConcurrentPolls": 4,
                "Alerts:SeedSampleFeeds": false,
              }
            }
            """);

        var configuration = LocalConfiguration.Build(_temp.Path, NoOverrides);

        Assert.Equal("UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://127.0.0.1", configuration["AzureWebJobsStorage"]);
        Assert.Equal("0 */10 * * * *", configuration["Alerts:PollSchedule"]);
        Assert.Equal("local@example.org", configuration["Alerts:SampleSubscriber"]);
        Assert.Equal("from@example.org", configuration["Alerts:SendGrid:From"]);
        Assert.Equal("4", configuration["Alerts:MaxConcurrentPolls"]);
        Assert.Equal("false", configuration["Alerts:SeedSampleFeeds"]);
        Assert.Equal("0 * * * * *", configuration["Alerts:DigestSchedule"]); // not in the file: default
    }

    [Fact]
    public void Settings_file_of_the_functions_project_is_used_when_the_working_directory_has_none()
    {
        WriteSettings("""{"Values":{"Alerts:OutboxPath":"from-functions-project"}}""", Path.Combine("src", "Alerts.Functions"));

        var configuration = LocalConfiguration.Build(_temp.Path, NoOverrides);

        Assert.Equal("from-functions-project", configuration["Alerts:OutboxPath"]);
        Assert.Equal(Path.Combine(_temp.Path, "src", "Alerts.Functions", LocalConfiguration.SettingsFile), LocalConfiguration.FindSettingsFile(_temp.Path));
    }

    [Fact]
    public void Settings_file_in_the_working_directory_wins_over_the_functions_project()
    {
        WriteSettings("""{"Values":{"Alerts:OutboxPath":"from-working-directory"}}""");
        WriteSettings("""{"Values":{"Alerts:OutboxPath":"from-functions-project"}}""", Path.Combine("src", "Alerts.Functions"));

        var configuration = LocalConfiguration.Build(_temp.Path, NoOverrides);

        Assert.Equal("from-working-directory", configuration["Alerts:OutboxPath"]);
    }

    [Fact]
    public void Settings_file_without_values_changes_nothing()
    {
        WriteSettings("""{"IsEncrypted":false}""");

        var configuration = LocalConfiguration.Build(_temp.Path, NoOverrides);

        Assert.Equal("0 */5 * * * *", configuration["Alerts:PollSchedule"]);
    }

    [Fact]
    public void Environment_variables_override_the_settings_file()
    {
        WriteSettings("""{"Values":{"Alerts:OutboxPath":"from-file","Alerts:PollSchedule":"0 */10 * * * *"}}""");
        SetVariable(OutboxVariable, "from-environment");
        SetVariable(SubscriberVariable, "env@example.org");

        var configuration = LocalConfiguration.Build(_temp.Path, NoOverrides);

        Assert.Equal("from-environment", configuration["Alerts:OutboxPath"]);
        Assert.Equal("env@example.org", configuration["Alerts:SampleSubscriber"]); // over the embedded default
        Assert.Equal("0 */10 * * * *", configuration["Alerts:PollSchedule"]); // not in the environment: file
    }

    [Fact]
    public void Overrides_win_over_everything()
    {
        WriteSettings("""{"Values":{"Alerts:OutboxPath":"from-file"}}""");
        SetVariable(OutboxVariable, "from-environment");

        var configuration = LocalConfiguration.Build(_temp.Path, new Dictionary<string, string?>
        {
            ["Alerts:OutboxPath"] = "from-override",
            ["Alerts:PollSchedule"] = "0 0 * * * *",
        });

        Assert.Equal("from-override", configuration["Alerts:OutboxPath"]);
        Assert.Equal("0 0 * * * *", configuration["Alerts:PollSchedule"]);
    }

    [Theory]
    [InlineData("{ \"Values\": { \"Alerts:OutboxPath\": ")]
    [InlineData("Values = x")]
    [InlineData("")]
    public void Invalid_settings_file_throws_a_settings_exception_naming_it(string content)
    {
        WriteSettings(content);

        var e = Assert.Throws<SettingsException>(() => LocalConfiguration.Build(_temp.Path, NoOverrides));

        Assert.Contains(LocalConfiguration.SettingsFile, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_setting_under_both_name_forms_does_not_crash()
    {
        WriteSettings("""{"Values":{"Alerts:OutboxPath":"colon","Alerts__OutboxPath":"underscores"}}""");

        var e = Record.Exception(() => LocalConfiguration.Build(_temp.Path, NoOverrides));

        Assert.True(e is null or SettingsException, e?.GetType().Name);
    }

    [Fact]
    public void Null_value_in_the_settings_file_is_not_the_text_null()
    {
        WriteSettings("""{"Values":{"Alerts:AdminKey":null}}""");

        var configuration = LocalConfiguration.Build(_temp.Path, NoOverrides);

        Assert.NotEqual("null", configuration["Alerts:AdminKey"]);
    }
}
