using Alerts.Core.Subscriptions;
using Alerts.Core.Web;
using Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Functions;

/// <summary>The unsubscribe link opened in a browser: a page with one button (JSON status on request); opening it changes nothing.</summary>
public sealed class UnsubscribePage(UnsubscribeService unsubscribe)
{
    [Function(nameof(UnsubscribePage))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "unsubscribe")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var token = RequestContext.Token(request);
        var outcome = await unsubscribe.FindAsync(token, cancellationToken);
        if (ApiResults.WantsJson(request))
        {
            return outcome.Problem is { } problem ? ApiResults.Problem(request, problem) : ApiResults.Json(request, new { status = outcome.Value!.Status });
        }

        return outcome.Problem is { } pageProblem
            ? ApiResults.ProblemPage(request, pageProblem)
            : ApiResults.Page(request, outcome.Value!.Status == SubscriberStatus.Unsubscribed
                ? SubscriptionPages.Unsubscribed(outcome.Value.Address)
                : SubscriptionPages.Unsubscribe(outcome.Value.Address, token!));
    }
}
