using Alerts.Core.Classification;
using Alerts.Core.Delivery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Functions;

/// <summary><c>GET /api/alerts.atom?topic=</c>: the same alerts as an Atom feed.</summary>
public sealed class AlertsAtom(AlertsService alerts, TopicClassifier classifier, TimeProvider time)
{
    [Function(nameof(AlertsAtom))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "alerts.atom")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var query = AlertsQuery.Parse(name => request.Query[name].FirstOrDefault(), classifier.TopicIds, time.GetUtcNow(), out var errors);
        if (query is null)
        {
            return AlertsProblem.Validation(errors);
        }

        var list = await alerts.ListAsync(query, cancellationToken);
        return new ContentResult { Content = alerts.Atom(list, query.Topic), ContentType = "application/atom+xml; charset=utf-8", StatusCode = StatusCodes.Status200OK };
    }
}
