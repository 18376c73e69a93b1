using Alerts.Core.Feeds;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Functions;

/// <summary><c>GET /api/feeds</c>: every registered feed with its health.</summary>
public sealed class FeedsList(FeedManagement management)
{
    [Function(nameof(FeedsList))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "feeds")] HttpRequest request,
        CancellationToken cancellationToken)
        => new OkObjectResult(new { feeds = await management.ListAsync(cancellationToken) });
}
