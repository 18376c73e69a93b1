using Alerts.Core.Subscriptions;
using Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Functions;

/// <summary>Changes preferences with the manage token; honours <c>If-Match</c> with the ETag from a read.</summary>
public sealed class SubscriptionsUpdate(SubscriptionService subscriptions)
{
    [Function(nameof(SubscriptionsUpdate))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "subscriptions/{id:length(32)}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadJsonAsync<PreferencesRequest>(request.Body, request.ContentType, cancellationToken);
        if (body.Problem is { } problem)
        {
            return ApiResults.Problem(request, problem);
        }

        var outcome = await subscriptions.UpdateAsync(id, RequestContext.Token(request), body.Value!, RequestContext.IfMatch(request), cancellationToken);
        if (outcome.Problem is { } updateProblem)
        {
            return ApiResults.Problem(request, updateProblem);
        }

        request.HttpContext.Response.Headers.ETag = outcome.Value!.ETag;
        return ApiResults.Json(request, outcome.Value.Subscription);
    }
}
