using Alerts.Core.Subscriptions;
using Alerts.Core.Web;
using Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Functions;

/// <summary>The double opt-in link from the confirmation email: a page, or JSON for <c>Accept: application/json</c>.</summary>
public sealed class SubscriptionsConfirm(SubscriptionService subscriptions)
{
    [Function(nameof(SubscriptionsConfirm))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "subscriptions/confirm")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var outcome = await subscriptions.ConfirmAsync(RequestContext.Token(request), cancellationToken);
        if (ApiResults.WantsJson(request))
        {
            return ApiResults.From(request, outcome);
        }

        return outcome.Problem is { } problem
            ? ApiResults.ProblemPage(request, problem)
            : ApiResults.Page(request, SubscriptionPages.Confirmed(outcome.Value!));
    }
}
