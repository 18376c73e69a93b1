using Alerts.Core.Subscriptions;
using Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Functions;

/// <summary>Replaces the signing secret at once; the old one stops working with the next delivery.</summary>
public sealed class WebhooksRotateSecret(WebhookService webhooks)
{
    [Function(nameof(WebhooksRotateSecret))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/{id:length(32)}/rotate-secret")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
        => ApiResults.From(request, await webhooks.RotateSecretAsync(id, RequestContext.Token(request), cancellationToken));
}
