using Alerts.Core.Feeds;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Functions;

/// <summary><c>DELETE /api/feeds/{id}</c>: stops polling a feed; 404 when there is no such feed.</summary>
public sealed class FeedsDelete(FeedManagement management)
{
    [Function(nameof(FeedsDelete))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "feeds/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
        => await management.DeleteAsync(id, cancellationToken)
            ? new NoContentResult()
            : FeedsProblem.NotFound($"There is no feed with id {id}.");
}
