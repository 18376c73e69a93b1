using Alerts.Core.Feeds;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Functions;

/// <summary><c>POST /api/feeds/opml</c> with an OPML body: registers its feeds; each is checked at its first poll.</summary>
public sealed class FeedsOpmlImport(FeedManagement management)
{
    [Function(nameof(FeedsOpmlImport))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "feeds/opml")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        try
        {
            return new OkObjectResult(await management.ImportOpmlAsync(request.Body, cancellationToken));
        }
        catch (OpmlFormatException e)
        {
            return FeedsProblem.Invalid("opml", e.Message);
        }
    }
}
