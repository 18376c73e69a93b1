using Alerts.Core.Subscriptions;
using Alerts.Core.Web;
using Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Functions;

/// <summary>The unsubscribe link opened in a browser: a page with one button; opening it changes nothing.</summary>
public sealed class UnsubscribePage(UnsubscribeService unsubscribe)
{
    [Function(nameof(UnsubscribePage))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "unsubscribe")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var token = RequestContext.Token(request);
        var outcome = await unsubscribe.FindAsync(token, cancellationToken);
        return outcome.Problem is { } problem
            ? ApiResults.ProblemPage(request, problem)
            : ApiResults.Page(request, outcome.Value!.Status == SubscriberStatus.Unsubscribed
                ? SubscriptionPages.Unsubscribed(outcome.Value.Address)
                : SubscriptionPages.Unsubscribe(outcome.Value.Address, token!));
    }
}
