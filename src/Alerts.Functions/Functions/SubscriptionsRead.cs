using Alerts.Core.Subscriptions;
using Alerts.Core.Web;
using Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Functions;

/// <summary>Reads a subscription with its manage token: JSON with an ETag, or the manage page for browsers (email links land here).</summary>
public sealed class SubscriptionsRead(SubscriptionService subscriptions, SubscriptionPreferences preferences)
{
    [Function(nameof(SubscriptionsRead))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "subscriptions/{id:length(32)}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var token = RequestContext.Token(request);
        var outcome = await subscriptions.GetAsync(id, token, cancellationToken);
        if (ApiResults.WantsHtml(request))
        {
            return outcome.Problem is { } pageProblem
                ? ApiResults.ProblemPage(request, pageProblem)
                : ApiResults.Page(request, SubscriptionPages.Manage(preferences.TopicIds, id, token!, outcome.Value!.UnsubscribeUrl, FormState.Of(outcome.Value.Subscription), saved: false));
        }

        if (outcome.Problem is { } problem)
        {
            return ApiResults.Problem(request, problem);
        }

        request.HttpContext.Response.Headers.ETag = outcome.Value!.ETag;
        return ApiResults.Json(request, outcome.Value.Subscription);
    }
}
