using Alerts.Core.Subscriptions;
using Alerts.Core.Web;
using Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Functions;

/// <summary>The subscribe page.</summary>
public sealed class UiHome(SubscriptionPreferences preferences)
{
    [Function(nameof(UiHome))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ui")] HttpRequest request)
        => ApiResults.Page(request, SubscriptionPages.Home(preferences.TopicIds, FormState.Defaults([])));
}
