using Alerts.Core.Subscriptions;
using Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Functions;

/// <summary>Sends a signed <c>webhook.test</c> event now and reports the receiver's answer.</summary>
public sealed class WebhooksTest(WebhookService webhooks)
{
    [Function(nameof(WebhooksTest))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/{id:length(32)}/test")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
        => ApiResults.From(request, await webhooks.SendTestAsync(id, RequestContext.Token(request), cancellationToken));
}
