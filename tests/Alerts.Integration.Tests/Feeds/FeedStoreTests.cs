using Alerts.Core.Feeds;
using Alerts.Integration.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Integration.Tests.Feeds;

/// <summary>Feed rows written in batches keep ETag concurrency per row.</summary>
public sealed class FeedStoreTests(CoreServices core) : IClassFixture<CoreServices>
{
    [Fact]
    public async Task A_batch_with_one_stale_row_writes_the_others_and_drops_only_the_stale_one()
    {
        await using var services = core.Build();
        var store = services.GetRequiredService<FeedStore>();
        for (var i = 0; i < 3; i++)
        {
            await store.AddAsync($"https://example.org/feed/{i}", CancellationToken.None);
        }

        var rows = (await store.ListAsync(CancellationToken.None)).OrderBy(f => f.Url, StringComparer.Ordinal).ToList();
        var concurrent = (await store.GetAsync(rows[1].RowKey, CancellationToken.None))!;
        concurrent.Title = "written by a concurrent poll";
        Assert.True(await store.UpdateAsync(concurrent, CancellationToken.None));

        foreach (var row in rows)
        {
            row.Title = "written by this poll";
        }

        await store.UpdateManyAsync(rows, CancellationToken.None);

        var stored = (await store.ListAsync(CancellationToken.None)).OrderBy(f => f.Url, StringComparer.Ordinal).Select(f => f.Title).ToList();
        Assert.Equal(["written by this poll", "written by a concurrent poll", "written by this poll"], stored);
    }
}
