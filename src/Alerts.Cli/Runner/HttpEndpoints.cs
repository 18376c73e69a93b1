using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;

namespace Alerts.Cli.Runner;

/// <summary>Maps HTTP-triggered functions to <c>/api/{route}</c> on Kestrel and runs their <see cref="IActionResult"/>.</summary>
internal static class HttpEndpoints
{
    public const string RoutePrefix = "api";

    public static void Map(WebApplication app, IEnumerable<FunctionDescriptor> functions, KeyAuthorization keys, FunctionInvoker invoker)
    {
        foreach (var function in functions)
        {
            var trigger = function.Http!;
            var route = $"/{RoutePrefix}/{trigger.Route ?? function.Name}";
            var methods = (trigger.Methods is { Length: > 0 } m ? m : ["get", "post"]).Select(x => x.ToUpperInvariant()).ToArray();
            app.MapMethods(route, methods, async context =>
            {
                if (!keys.Allows(context.Request, trigger.AuthLevel))
                {
                    await Problems.Unauthorized().ExecuteAsync(context).ConfigureAwait(false);
                    return;
                }

                var result = await invoker.InvokeAsync(function, context.Request, context, context.RequestAborted).ConfigureAwait(false);
                switch (result)
                {
                    case IActionResult action:
                        await action.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor())).ConfigureAwait(false);
                        break;
                    case IResult minimal:
                        await minimal.ExecuteAsync(context).ConfigureAwait(false);
                        break;
                    default:
                        throw new InvalidOperationException($"Function {function.Name} returned {result?.GetType().Name ?? "nothing"}; HTTP functions return IActionResult.");
                }
            }).WithDisplayName(function.Name);
        }
    }
}
