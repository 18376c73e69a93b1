using Alerts.Core.Feeds;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Functions;

/// <summary><c>GET /api/feeds/opml</c>: every registered feed as an OPML 2.0 subscription list.</summary>
public sealed class FeedsOpmlExport(FeedManagement management)
{
    [Function(nameof(FeedsOpmlExport))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "feeds/opml")] HttpRequest request,
        CancellationToken cancellationToken)
        => new ContentResult { Content = await management.ExportOpmlAsync(cancellationToken), ContentType = "text/x-opml; charset=utf-8", StatusCode = StatusCodes.Status200OK };
}
