using Alerts.Core.Status;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Functions;

public sealed class Status(StatusCache status)
{
    [Function(nameof(Status))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "status")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var report = await status.GetAsync(cancellationToken);
        return new ObjectResult(report) { StatusCode = report.Status == OverallStatus.Down ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK };
    }
}
