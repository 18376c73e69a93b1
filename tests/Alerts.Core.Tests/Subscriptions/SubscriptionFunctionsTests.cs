using Alerts.Cli.Runner;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Core.Tests.Subscriptions;

/// <summary>The subscription endpoints' methods and routes as both the runner and the Functions host read them.</summary>
public sealed class SubscriptionFunctionsTests
{
    private static readonly IReadOnlyList<FunctionDescriptor> Functions
        = FunctionCatalog.Discover(typeof(Alerts.Functions.Functions.Health).Assembly);

    [Theory]
    [InlineData("SubscriptionsCreate", "post", "subscriptions")]
    [InlineData("SubscriptionsConfirm", "get", "subscriptions/confirm")]
    [InlineData("SubscriptionsRead", "get", "subscriptions/{id:length(32)}")]
    [InlineData("SubscriptionsUpdate", "put", "subscriptions/{id:length(32)}")]
    [InlineData("UnsubscribePage", "get", "unsubscribe")]
    [InlineData("UnsubscribeOneClick", "post", "unsubscribe")]
    [InlineData("WebhooksCreate", "post", "webhooks")]
    [InlineData("WebhooksDelete", "delete", "webhooks/{id:length(32)}")]
    [InlineData("WebhooksRotateSecret", "post", "webhooks/{id:length(32)}/rotate-secret")]
    [InlineData("WebhooksTest", "post", "webhooks/{id:length(32)}/test")]
    [InlineData("UiHome", "get", "ui")]
    [InlineData("UiSubscribe", "post", "ui/subscribe")]
    [InlineData("UiManage", "post", "ui/manage")]
    public void Each_endpoint_is_anonymous_with_one_method_and_its_route(string name, string method, string route)
    {
        var http = Assert.Single(Functions, f => f.Name == name).Http;

        Assert.NotNull(http);
        Assert.Equal(AuthorizationLevel.Anonymous, http.AuthLevel);
        Assert.Equal([method], http.Methods!);
        Assert.Equal(route, http.Route);
    }

    [Fact]
    public void No_two_endpoints_share_a_method_and_route()
    {
        var pairs = Functions.Where(f => f.Http is not null)
            .SelectMany(f => f.Http!.Methods!.Select(m => (m, f.Http.Route)))
            .ToList();

        Assert.Equal(pairs.Count, pairs.Distinct().Count());
    }
}
