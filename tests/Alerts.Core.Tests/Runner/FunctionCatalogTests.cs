using Alerts.Cli.Runner;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Core.Tests.Runner;

public class FunctionCatalogTests
{
    private static readonly IReadOnlyList<FunctionDescriptor> Functions
        = FunctionCatalog.Discover(typeof(Alerts.Functions.Functions.Health).Assembly);

    private static FunctionDescriptor Named(string name) => Assert.Single(Functions, f => f.Name == name);

    [Fact]
    public void Finds_exactly_the_contracted_functions()
        => Assert.Equal(
            [
                "AlertsAtom", "AlertsList", "ClassifyItem", "DeliverWebhook", "FeedsAdd", "FeedsDelete", "FeedsList",
                "FeedsOpmlExport", "FeedsOpmlImport", "Health", "PollFeeds", "PruneStorage", "SendDigest", "SendDigests", "Status",
                "StatusPage",
                "SubscriptionsConfirm", "SubscriptionsCreate", "SubscriptionsRead", "SubscriptionsUpdate",
                "UiHome", "UiManage", "UiSubscribe", "UnsubscribeOneClick", "UnsubscribePage",
                "WebhooksCreate", "WebhooksDelete", "WebhooksRotateSecret", "WebhooksTest",
            ],
            Functions.Select(f => f.Name).Order(StringComparer.Ordinal));

    [Theory]
    [InlineData("PollFeeds", "%Alerts:PollSchedule%")]
    [InlineData("SendDigests", "%Alerts:DigestSchedule%")]
    [InlineData("PruneStorage", "%Alerts:PruneSchedule%")]
    public void Timer_functions_have_their_schedule_setting(string name, string schedule)
    {
        var function = Named(name);

        Assert.NotNull(function.Timer);
        Assert.Null(function.Queue);
        Assert.Null(function.Http);
        Assert.Equal(schedule, function.Timer.Schedule);
        Assert.Equal(typeof(TimerInfo), function.TriggerParameter.ParameterType);
    }

    [Theory]
    [InlineData("ClassifyItem", "news-items")]
    [InlineData("SendDigest", "digest-jobs")]
    [InlineData("DeliverWebhook", "webhook-deliveries")]
    public void Queue_functions_listen_on_their_queue(string name, string queue)
    {
        var function = Named(name);

        Assert.NotNull(function.Queue);
        Assert.Null(function.Timer);
        Assert.Null(function.Http);
        Assert.Equal(queue, function.Queue.QueueName);
        Assert.Equal(typeof(string), function.TriggerParameter.ParameterType);
    }

    [Theory]
    [InlineData("Status", "status")]
    [InlineData("StatusPage", "status/page")]
    [InlineData("Health", "health")]
    [InlineData("AlertsList", "alerts")]
    [InlineData("AlertsAtom", "alerts.atom")]
    public void Http_functions_are_anonymous_get_routes(string name, string route)
    {
        var function = Named(name);

        Assert.NotNull(function.Http);
        Assert.Null(function.Timer);
        Assert.Null(function.Queue);
        Assert.Equal(AuthorizationLevel.Anonymous, function.Http.AuthLevel);
        Assert.Equal(route, function.Http.Route);
        Assert.NotNull(function.Http.Methods);
        Assert.Equal(["get"], function.Http.Methods);
    }

    [Fact]
    public void Descriptors_point_at_the_run_method_of_the_function_class()
    {
        Assert.All(Functions, f =>
        {
            Assert.Equal(f.Name, f.Type.Name);
            Assert.Equal("Run", f.Method.Name);
            Assert.Equal(f.Method, f.TriggerParameter.Member);
        });
    }

    [Fact]
    public void Assembly_without_functions_gives_none()
        => Assert.Empty(FunctionCatalog.Discover(typeof(FunctionCatalogTests).Assembly));
}
