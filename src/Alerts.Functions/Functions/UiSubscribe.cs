using Alerts.Core;
using Alerts.Core.Subscriptions;
using Alerts.Core.Web;
using Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Alerts.Functions.Functions;

/// <summary>The subscribe form's post: the same service as <c>POST /api/subscriptions</c>, answered with pages.</summary>
public sealed class UiSubscribe(SubscriptionService subscriptions, SubscriptionPreferences preferences, IOptions<AlertsOptions> options)
{
    [Function(nameof(UiSubscribe))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "ui/subscribe")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var form = await FormBody.ReadAsync(request, cancellationToken);
        if (form.Problem is { } formProblem)
        {
            return ApiResults.ProblemPage(request, formProblem);
        }

        var subscribe = FormPreferences.Subscribe(form.Value!);
        var outcome = await subscriptions.SubscribeAsync(subscribe, RequestContext.ClientAddress(request, options.Value), cancellationToken);
        if (outcome.Problem is { Errors: { } errors } invalid && invalid.Status == StatusCodes.Status400BadRequest)
        {
            var state = FormState.Defaults(subscribe.Topics?.OfType<string>().ToList() ?? []) with
            {
                Email = subscribe.Email,
                Cadence = subscribe.Cadence ?? Cadence.Daily,
                TimeZone = subscribe.TimeZone ?? "UTC",
                SendHour = subscribe.SendHour is >= 0 and <= 23 ? subscribe.SendHour.Value : 8,
                MinSeverity = subscribe.MinSeverity ?? FormState.Defaults([]).MinSeverity,
                Errors = errors,
            };
            return ApiResults.Page(request, SubscriptionPages.Home(preferences.TopicIds, state), StatusCodes.Status400BadRequest);
        }

        return outcome.Problem is { } problem
            ? ApiResults.ProblemPage(request, problem)
            : ApiResults.Page(request, SubscriptionPages.CheckInbox(subscribe.Email ?? ""));
    }
}
