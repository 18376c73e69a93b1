using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Alerts.Functions.Functions;

/// <summary>RFC 9457 problem+json answers of the feed management functions.</summary>
internal static class FeedsProblem
{
    public static ObjectResult Invalid(string field, string detail)
        => Result(new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [detail] })
        {
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            Title = "The request is not valid.",
            Status = StatusCodes.Status400BadRequest,
            Detail = detail,
        });

    public static ObjectResult NotFound(string detail)
        => Result(new ProblemDetails
        {
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
            Title = "Not found.",
            Status = StatusCodes.Status404NotFound,
            Detail = detail,
        });

    private static ObjectResult Result(ProblemDetails problem)
        => new(problem) { StatusCode = problem.Status, ContentTypes = { "application/problem+json" } };
}
