using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Alerts.Functions.Functions;

/// <summary>RFC 9457 answers for the alerts endpoints' bad queries.</summary>
internal static class AlertsProblem
{
    public static IActionResult Validation(Dictionary<string, string[]> errors)
    {
        var problem = new ValidationProblemDetails(errors)
        {
            Type = "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1",
            Title = "The query is not valid.",
            Status = StatusCodes.Status400BadRequest,
            Detail = "See errors for each parameter: topic, since, limit.",
        };
        return new ObjectResult(problem) { StatusCode = StatusCodes.Status400BadRequest, ContentTypes = { "application/problem+json" } };
    }
}
