using Alerts.Core.Classification;
using Alerts.Core.Delivery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Functions;

/// <summary><c>GET /api/alerts?topic=&amp;since=&amp;limit=</c>: stored alerts as JSON, newest first.</summary>
public sealed class AlertsList(AlertsService alerts, TopicClassifier classifier, TimeProvider time)
{
    [Function(nameof(AlertsList))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "alerts")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var query = AlertsQuery.Parse(name => request.Query[name].FirstOrDefault(), classifier.TopicIds, time.GetUtcNow(), out var errors);
        return query is null
            ? AlertsProblem.Validation(errors)
            : new OkObjectResult(new { alerts = await alerts.ListAsync(query, cancellationToken) });
    }
}
