using Alerts.Core.Feeds;
using Alerts.Core.Storage;
using Alerts.Integration.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Integration.Tests.Feeds;

/// <summary>The curated OPML is registered only when <c>Alerts:SeedDefaultFeeds</c> is on.</summary>
public sealed class DefaultFeedsTests(CoreServices core) : IClassFixture<CoreServices>
{
    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public async Task Default_feeds_are_registered_only_when_the_setting_is_on(string setting)
    {
        await using var services = core.Build(new Dictionary<string, string?> { ["Alerts:SeedDefaultFeeds"] = setting });
        await services.GetRequiredService<AlertsStorage>().TableService.DeleteTableAsync(StorageNames.FeedsTable);

        await services.GetRequiredService<DefaultFeeds>().SeedAsync(CancellationToken.None);
        await services.GetRequiredService<DefaultFeeds>().SeedAsync(CancellationToken.None);

        var rows = await services.GetRequiredService<FeedStore>().ListAsync(CancellationToken.None);
        if (setting == "true")
        {
            var expected = DefaultFeeds.Embedded();
            Assert.Equal(expected.Select(f => f.Url).Order(StringComparer.Ordinal), rows.Select(f => f.Url).Order(StringComparer.Ordinal));
            Assert.Contains(rows, f => f.Title == "USTR press releases");
        }
        else
        {
            Assert.Empty(rows);
        }
    }
}
