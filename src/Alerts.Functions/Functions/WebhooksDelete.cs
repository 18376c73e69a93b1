using Alerts.Core.Subscriptions;
using Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Functions;

public sealed class WebhooksDelete(WebhookService webhooks)
{
    [Function(nameof(WebhooksDelete))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "webhooks/{id:length(32)}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var outcome = await webhooks.DeleteAsync(id, RequestContext.Token(request), cancellationToken);
        return outcome.Problem is { } problem ? ApiResults.Problem(request, problem) : new NoContentResult();
    }
}
