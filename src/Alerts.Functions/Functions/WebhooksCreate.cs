using Alerts.Core;
using Alerts.Core.Subscriptions;
using Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Alerts.Functions.Functions;

/// <summary>Registers a webhook; the answer is the only place its secret and manage token appear.</summary>
public sealed class WebhooksCreate(WebhookService webhooks, SubscriptionLinks links, IOptions<AlertsOptions> options)
{
    [Function(nameof(WebhooksCreate))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadJsonAsync<WebhookRequest>(request.Body, request.ContentType, cancellationToken);
        if (body.Problem is { } problem)
        {
            return ApiResults.Problem(request, problem);
        }

        var outcome = await webhooks.CreateAsync(body.Value!, RequestContext.ClientAddress(request, options.Value), cancellationToken);
        if (outcome.Value is { } created)
        {
            request.HttpContext.Response.Headers.Location = links.Webhook(created.Id).AbsoluteUri;
        }

        return ApiResults.From(request, outcome, StatusCodes.Status201Created);
    }
}
