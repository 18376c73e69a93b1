using Microsoft.AspNetCore.Http;

namespace Alerts.Cli.Runner;

/// <summary>RFC 9457 problem+json answers for what the runner itself refuses.</summary>
internal static class Problems
{
    public static IResult Unauthorized()
        => Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: $"This endpoint needs a function key in the {KeyAuthorization.Header} header or the code query parameter.");

    public static IResult NotFound(string detail)
        => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    public static IResult BadRequest(string detail)
        => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: detail);
}
