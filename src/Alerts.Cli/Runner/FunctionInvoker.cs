using System.Text.Json;
using Alerts.Core.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Cli.Runner;

/// <summary>
/// Calls a function method as the isolated worker would: a fresh instance per invocation from DI, the trigger
/// payload, the cancellation token, and for HTTP the request and route values.
/// </summary>
internal sealed class FunctionInvoker(IServiceScopeFactory scopes)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<object?> InvokeAsync(FunctionDescriptor function, object? trigger, HttpContext? http, CancellationToken cancellationToken)
    {
        // On Azure the worker makes this span; here the runner stands in for it.
        using var activity = AlertsTelemetry.StartInvocation(function.Name, function.Http is not null ? "http" : function.Queue is not null ? "pubsub" : "timer");
        await using var scope = scopes.CreateAsyncScope();
        var services = http?.RequestServices ?? scope.ServiceProvider;
        var instance = function.Method.IsStatic ? null : ActivatorUtilities.CreateInstance(services, function.Type);
        var arguments = function.Method.GetParameters().Select(p => Bind(p, function, trigger, http, cancellationToken)).ToArray();
        try
        {
            var result = function.Method.Invoke(instance, arguments);
            return result switch
            {
                Task task => await Unwrap(task).ConfigureAwait(false),
                ValueTask valueTask => await AwaitValueTask(valueTask).ConfigureAwait(false),
                _ => result,
            };
        }
        catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
        finally
        {
            (instance as IDisposable)?.Dispose();
        }
    }

    private static object? Bind(System.Reflection.ParameterInfo parameter, FunctionDescriptor function, object? trigger, HttpContext? http, CancellationToken cancellationToken)
    {
        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return cancellationToken;
        }

        if (parameter == function.TriggerParameter)
        {
            return ConvertTrigger(trigger, parameter.ParameterType);
        }

        if (http is not null && parameter.Name is { } name && http.GetRouteValue(name) is { } routeValue)
        {
            return Convert.ChangeType(routeValue, parameter.ParameterType, System.Globalization.CultureInfo.InvariantCulture);
        }

        throw new InvalidOperationException($"Function {function.Name}: the local runner cannot bind parameter '{parameter.Name}' ({parameter.ParameterType.Name}).");
    }

    private static object? ConvertTrigger(object? trigger, Type target)
    {
        if (trigger is null || target.IsInstanceOfType(trigger))
        {
            return trigger;
        }

        if (trigger is string text)
        {
            return target == typeof(BinaryData) ? BinaryData.FromString(text) : JsonSerializer.Deserialize(text, target, Json);
        }

        throw new InvalidOperationException($"Cannot bind a {trigger.GetType().Name} trigger payload to {target.Name}.");
    }

    private static async Task<object?> Unwrap(Task task)
    {
        await task.ConfigureAwait(false);
        var type = task.GetType();
        return type.IsGenericType && type.GetProperty("Result") is { } result && result.PropertyType.Name != "VoidTaskResult"
            ? result.GetValue(task)
            : null;
    }

    private static async Task<object?> AwaitValueTask(ValueTask task)
    {
        await task.ConfigureAwait(false);
        return null;
    }
}
