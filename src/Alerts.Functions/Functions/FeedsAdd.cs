using System.Text.Json;
using Alerts.Core.Feeds;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Functions;

/// <summary><c>POST /api/feeds {"url":..}</c>: registers a feed after fetching it once; 400 with the reason when it is not one.</summary>
public sealed class FeedsAdd(FeedManagement management)
{
    [Function(nameof(FeedsAdd))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "feeds")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        AddFeedRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<AddFeedRequest>(cancellationToken);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return FeedsProblem.Invalid("url", "The body must be JSON: {\"url\":\"https://...\"}.");
        }

        var result = await management.AddAsync(body?.Url, cancellationToken);
        if (result.Feed is not { } feed)
        {
            return FeedsProblem.Invalid("url", result.Error!);
        }

        return new ObjectResult(feed) { StatusCode = result.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK };
    }

    private sealed record AddFeedRequest(string? Url);
}
