using Alerts.Core.Telemetry;

namespace Alerts.Core.Tests.Telemetry;

public class TelemetryRegistrationTests
{
    [Fact]
    public void Azure_sdk_storage_calls_are_left_out_of_http_spans_and_other_calls_are_kept()
    {
        using var storage = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:10001/devstoreaccount1/news-items/messages");
        storage.Headers.Add("x-ms-client-request-id", Guid.NewGuid().ToString());
        using var feed = new HttpRequestMessage(HttpMethod.Get, "https://example.org/feed.xml");

        Assert.True(TelemetryServiceCollectionExtensions.IsStorageCall(storage));
        Assert.False(TelemetryServiceCollectionExtensions.IsStorageCall(feed));
    }

    [Fact]
    public void Subscriber_ids_are_logged_as_a_stable_one_way_hash()
    {
        var hash = LogScopes.HashSubscriber("3f2a9c");

        Assert.Equal(hash, LogScopes.HashSubscriber("3f2a9c"));
        Assert.NotEqual(hash, LogScopes.HashSubscriber("3f2a9d"));
        Assert.DoesNotContain("3f2a9c", hash, StringComparison.Ordinal);
        Assert.Equal(16, hash.Length);
    }
}
