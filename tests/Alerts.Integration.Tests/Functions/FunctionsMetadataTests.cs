using System.Text.Json;
using Alerts.Integration.Tests.Infrastructure;

namespace Alerts.Integration.Tests.Functions;

/// <summary>The Functions build output declares every function with the trigger the host needs: these names are contracts.</summary>
public sealed class FunctionsMetadataTests
{
    public static TheoryData<string, string, string, string> Expected => new()
    {
        { "PollFeeds", "timerTrigger", "schedule", "%Alerts:PollSchedule%" },
        { "SendDigests", "timerTrigger", "schedule", "%Alerts:DigestSchedule%" },
        { "PruneStorage", "timerTrigger", "schedule", "%Alerts:PruneSchedule%" },
        { "ClassifyItem", "queueTrigger", "queueName", "news-items" },
        { "SendDigest", "queueTrigger", "queueName", "digest-jobs" },
        { "DeliverWebhook", "queueTrigger", "queueName", "webhook-deliveries" },
        { "Status", "httpTrigger", "route", "status" },
        { "StatusPage", "httpTrigger", "route", "status/page" },
        { "Health", "httpTrigger", "route", "health" },
        { "FeedsAdd", "httpTrigger", "route", "feeds" },
        { "FeedsList", "httpTrigger", "route", "feeds" },
        { "FeedsDelete", "httpTrigger", "route", "feeds/{id}" },
        { "FeedsOpmlImport", "httpTrigger", "route", "feeds/opml" },
        { "FeedsOpmlExport", "httpTrigger", "route", "feeds/opml" },
        { "SubscriptionsCreate", "httpTrigger", "route", "subscriptions" },
        { "SubscriptionsConfirm", "httpTrigger", "route", "subscriptions/confirm" },
        { "SubscriptionsRead", "httpTrigger", "route", "subscriptions/{id:length(32)}" },
        { "SubscriptionsUpdate", "httpTrigger", "route", "subscriptions/{id:length(32)}" },
        { "UnsubscribePage", "httpTrigger", "route", "unsubscribe" },
        { "UnsubscribeOneClick", "httpTrigger", "route", "unsubscribe" },
        { "WebhooksCreate", "httpTrigger", "route", "webhooks" },
        { "WebhooksDelete", "httpTrigger", "route", "webhooks/{id:length(32)}" },
        { "WebhooksRotateSecret", "httpTrigger", "route", "webhooks/{id:length(32)}/rotate-secret" },
        { "WebhooksTest", "httpTrigger", "route", "webhooks/{id:length(32)}/test" },
        { "UiHome", "httpTrigger", "route", "ui" },
        { "UiSubscribe", "httpTrigger", "route", "ui/subscribe" },
        { "UiManage", "httpTrigger", "route", "ui/manage" },
        { "AlertsList", "httpTrigger", "route", "alerts" },
        { "AlertsAtom", "httpTrigger", "route", "alerts.atom" },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void Functions_metadata_lists_the_function_and_its_trigger(string name, string type, string property, string value)
    {
        var function = Metadata().EnumerateArray().Single(f => f.GetProperty("name").GetString() == name);
        var trigger = function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("direction").GetString() == "In");

        Assert.Equal(type, trigger.GetProperty("type").GetString());
        Assert.Equal(value, trigger.GetProperty(property).GetString());
        Assert.Equal("dotnet-isolated", function.GetProperty("language").GetString());
    }

    [Fact]
    public void Functions_metadata_lists_exactly_the_contracted_functions()
    {
        var names = Metadata().EnumerateArray().Select(f => f.GetProperty("name").GetString()!).Order().ToList();
        Assert.Equal(Expected.Select(row => (string)row[0]).Order().ToList(), names);
    }

    [Fact]
    public void Http_functions_are_anonymous_get_endpoints()
    {
        foreach (var name in new[] { "Status", "StatusPage", "Health" })
        {
            var trigger = Metadata().EnumerateArray().Single(f => f.GetProperty("name").GetString() == name)
                .GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "httpTrigger");
            Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString());
            Assert.Equal(["get"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        }
    }

    [Fact]
    public void Host_json_is_copied_next_to_the_functions()
    {
        var hostJson = Path.Combine(RepoPaths.FunctionsOutput, "host.json");
        Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, "host.json")), File.ReadAllText(hostJson));
    }

    private static JsonElement Metadata()
        => JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.FunctionsOutput, "functions.metadata"))).RootElement;
}
