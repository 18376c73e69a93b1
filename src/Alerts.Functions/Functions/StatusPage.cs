using Alerts.Core.Status;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Functions;

/// <summary>The human status page: the same cached report as <c>GET /api/status</c>, with the same status code.</summary>
public sealed class StatusPage(StatusCache status)
{
    [Function(nameof(StatusPage))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "status/page")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var report = await status.GetAsync(cancellationToken);
        var headers = request.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = StatusPageRenderer.ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        return new ContentResult
        {
            Content = StatusPageRenderer.Render(report),
            ContentType = "text/html; charset=utf-8",
            StatusCode = report.Status == OverallStatus.Down ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK,
        };
    }
}
