using System.Text.Json;
using Alerts.Core.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Alerts.Cli.Runner;

/// <summary><c>POST /admin/functions/{name}</c> (master key): runs a timer or queue function now, as the host's admin API does.</summary>
internal static partial class AdminEndpoints
{
    public static void Map(
        WebApplication app,
        IReadOnlyDictionary<string, FunctionDescriptor> functions,
        IReadOnlyDictionary<string, TimerSchedule> schedules,
        KeyAuthorization keys,
        FunctionInvoker invoker,
        TimerHost timers)
    {
        app.MapPost("/admin/functions/{name}", async (HttpContext context, string name) =>
        {
            if (!keys.Allows(context.Request, AuthorizationLevel.Admin))
            {
                return Problems.Unauthorized();
            }

            if (!functions.TryGetValue(name, out var function) || function.Http is not null)
            {
                return Problems.NotFound($"No timer or queue function named '{name}'.");
            }

            string? input = null;
            if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
            {
                try
                {
                    using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
                    input = body.RootElement.TryGetProperty("input", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                }
                catch (JsonException e)
                {
                    return Problems.BadRequest($"The body must be JSON like {{\"input\":\"...\"}}: {e.Message}");
                }
            }

            if (function.Queue is not null && input is null)
            {
                return Problems.BadRequest("A queue function needs the message in the body: {\"input\":\"...\"}.");
            }

            // Like the host, accept at once and run in the background; failures appear in the log.
            var stopping = app.Lifetime.ApplicationStopping;
            _ = function.Timer is not null
                ? Task.Run(() => timers.InvokeAsync(function, schedules[name], pastDue: false, stopping), stopping)
                : Task.Run(() => InvokeQueueFunctionAsync(app.Logger, invoker, function, input, stopping), stopping);
            return Results.Accepted();
        });
    }

    private static async Task InvokeQueueFunctionAsync(ILogger logger, FunctionInvoker invoker, FunctionDescriptor function, string? input, CancellationToken cancellationToken)
    {
        try
        {
            await invoker.InvokeAsync(function, input, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, e, function.Name);
        }
    }

    [LoggerMessage(EventId = 9300, Level = LogLevel.Error, Message = "Executed '{Function}' from the admin API (failed)")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function);
}
