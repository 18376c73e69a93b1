using Alerts.Core;
using Alerts.Core.Subscriptions;
using Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Alerts.Functions.Functions;

public sealed class SubscriptionsCreate(SubscriptionService subscriptions, IOptions<AlertsOptions> options)
{
    [Function(nameof(SubscriptionsCreate))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "subscriptions")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadJsonAsync<SubscribeRequest>(request.Body, request.ContentType, cancellationToken);
        if (body.Problem is { } problem)
        {
            return ApiResults.Problem(request, problem);
        }

        var outcome = await subscriptions.SubscribeAsync(body.Value!, RequestContext.ClientAddress(request, options.Value), cancellationToken);
        return ApiResults.From(request, outcome, StatusCodes.Status202Accepted);
    }
}
