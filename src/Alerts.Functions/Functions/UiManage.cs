using Alerts.Core.Subscriptions;
using Alerts.Core.Web;
using Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Functions;

/// <summary>The manage form's post: the same service as <c>PUT /api/subscriptions/{id}</c>, answered with the manage page.</summary>
public sealed class UiManage(SubscriptionService subscriptions, SubscriptionPreferences preferences)
{
    [Function(nameof(UiManage))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "ui/manage")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var form = await FormBody.ReadAsync(request, cancellationToken);
        if (form.Problem is { } formProblem)
        {
            return ApiResults.ProblemPage(request, formProblem);
        }

        var id = form.Value!["id"].ToString();
        var token = form.Value["token"].ToString();
        var outcome = await subscriptions.UpdateAsync(id, token, FormPreferences.Preferences(form.Value), ifMatch: null, cancellationToken);
        if (outcome.Value is { } updated)
        {
            return ApiResults.Page(request, SubscriptionPages.Manage(preferences.TopicIds, id, token, updated.UnsubscribeUrl, FormState.Of(updated.Subscription), saved: true));
        }

        var current = await subscriptions.GetAsync(id, token, cancellationToken);
        if (outcome.Problem is { Errors: { } errors } && current.Value is { } stored)
        {
            var state = FormState.Of(stored.Subscription) with { Errors = errors };
            return ApiResults.Page(request, SubscriptionPages.Manage(preferences.TopicIds, id, token, stored.UnsubscribeUrl, state, saved: false), StatusCodes.Status400BadRequest);
        }

        return ApiResults.ProblemPage(request, outcome.Problem!);
    }
}
