using System.Globalization;
using Alerts.Core.Subscriptions;
using Alerts.Core.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Alerts.Functions.Http;

/// <summary>Turns service outcomes into HTTP answers: JSON, RFC 9457 problem+json, or pages with a strict CSP.</summary>
public static class ApiResults
{
    public static IActionResult Json(HttpRequest request, object value, int status = StatusCodes.Status200OK)
    {
        NoStore(request);
        return new ObjectResult(value) { StatusCode = status, ContentTypes = { "application/json" } };
    }

    public static IActionResult From<T>(HttpRequest request, ApiOutcome<T> outcome, int status = StatusCodes.Status200OK)
        => outcome.Problem is { } problem ? Problem(request, problem) : Json(request, outcome.Value!, status);

    public static IActionResult Problem(HttpRequest request, ApiProblem problem)
    {
        NoStore(request);
        if (problem.RetryAfter is { } wait)
        {
            request.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        var details = problem.Errors is { } errors
            ? new ValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value)) { Title = problem.Title }
            : new ProblemDetails { Title = problem.Title };
        details.Type = "about:blank";
        details.Status = problem.Status;
        details.Detail = problem.Detail;
        return new ObjectResult(details) { StatusCode = problem.Status, ContentTypes = { "application/problem+json" } };
    }

    public static IActionResult Page(HttpRequest request, string html, int status = StatusCodes.Status200OK)
    {
        NoStore(request);
        var headers = request.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = PageLayout.ContentSecurityPolicy;
        headers.XFrameOptions = "DENY";

        // Pages carry tokens in their URLs; they must not leak to the status page or anywhere else through Referer.
        headers["Referrer-Policy"] = "no-referrer";
        return new ContentResult { Content = html, ContentType = "text/html; charset=utf-8", StatusCode = status };
    }

    public static IActionResult ProblemPage(HttpRequest request, ApiProblem problem)
    {
        if (problem.RetryAfter is { } wait)
        {
            request.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return Page(request, SubscriptionPages.Problem(problem), problem.Status);
    }

    /// <summary>JSON when the caller asks for it; a page for browsers and for anyone who does not say.</summary>
    public static bool WantsJson(HttpRequest request)
        => request.Headers.Accept.ToString().Contains("json", StringComparison.OrdinalIgnoreCase);

    /// <summary>A page when a browser asks; JSON for API clients and for anyone who does not say.</summary>
    public static bool WantsHtml(HttpRequest request)
        => request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private static void NoStore(HttpRequest request)
    {
        var headers = request.HttpContext.Response.Headers;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
    }
}
