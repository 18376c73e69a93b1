using Alerts.Core.Status;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Functions;

public sealed class Health(HealthService health)
{
    [Function(nameof(Health))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (healthy, error) = await health.CheckAsync(cancellationToken);
        return healthy
            ? new OkObjectResult(new { status = "healthy" })
            : new ObjectResult(new { status = "unhealthy", error }) { StatusCode = StatusCodes.Status503ServiceUnavailable };
    }
}
