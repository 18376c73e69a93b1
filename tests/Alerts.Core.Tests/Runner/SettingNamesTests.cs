using Alerts.Cli.Runner;
using Microsoft.Extensions.Configuration;

namespace Alerts.Core.Tests.Runner;

public class SettingNamesTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] values)
        => new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();

    [Fact]
    public void Replaces_a_setting_reference_with_its_value()
    {
        var configuration = Configuration(("Alerts:PollSchedule", "0 */10 * * * *"));

        Assert.Equal("0 */10 * * * *", SettingNames.Resolve("%Alerts:PollSchedule%", configuration));
    }

    [Fact]
    public void Replaces_every_reference_inside_a_value()
    {
        var configuration = Configuration(("Queue:Prefix", "alerts"), ("Queue:Suffix", "items"));

        Assert.Equal("alerts-news-items", SettingNames.Resolve("%Queue:Prefix%-news-%Queue:Suffix%", configuration));
    }

    [Fact]
    public void Leaves_a_value_without_references_unchanged()
        => Assert.Equal("news-items", SettingNames.Resolve("news-items", Configuration(("news-items", "other"))));

    [Fact]
    public void Missing_setting_throws_naming_it()
    {
        var configuration = Configuration(("Alerts:PollSchedule", "0 */10 * * * *"));

        var e = Assert.Throws<SettingsException>(() => SettingNames.Resolve("%Alerts:DigestSchedule%", configuration));

        Assert.Contains("Alerts:DigestSchedule", e.Message, StringComparison.Ordinal);
    }
}
