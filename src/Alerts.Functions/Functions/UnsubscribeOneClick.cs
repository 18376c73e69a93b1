using Alerts.Core.Subscriptions;
using Alerts.Core.Web;
using Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Functions;

/// <summary>RFC 8058 one-click unsubscribe: <c>List-Unsubscribe=One-Click</c> posted with the token, no cookie, no further step.</summary>
public sealed class UnsubscribeOneClick(UnsubscribeService unsubscribe)
{
    public const string FormField = "List-Unsubscribe";
    public const string FormValue = "One-Click";

    [Function(nameof(UnsubscribeOneClick))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "unsubscribe")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var form = await FormBody.ReadAsync(request, cancellationToken);
        var outcome = form.Problem is { } formProblem ? formProblem
            : form.Value![FormField] != FormValue ? ApiProblem.BadRequest(FormField, $"The body must be {FormField}={FormValue}.")
            : await unsubscribe.UnsubscribeAsync(RequestContext.Token(request), cancellationToken);
        if (ApiResults.WantsHtml(request))
        {
            return outcome.Problem is { } pageProblem
                ? ApiResults.ProblemPage(request, pageProblem)
                : ApiResults.Page(request, SubscriptionPages.Unsubscribed(outcome.Value!.Address));
        }

        return outcome.Problem is { } problem
            ? ApiResults.Problem(request, problem)
            : ApiResults.Json(request, new { status = SubscriberStatus.Unsubscribed });
    }
}
