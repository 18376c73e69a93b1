using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Cli.Runner;

/// <summary>Discovers the Functions app's <c>[Function]</c> methods and their trigger attributes by reflection.</summary>
internal static class FunctionCatalog
{
    public static IReadOnlyList<FunctionDescriptor> Discover(Assembly assembly)
    {
        var functions = new List<FunctionDescriptor>();
        foreach (var type in assembly.GetExportedTypes())
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            {
                if (method.GetCustomAttribute<FunctionAttribute>() is not { } function)
                {
                    continue;
                }

                var trigger = method.GetParameters()
                    .Select(p => (Parameter: p, Attribute: p.GetCustomAttributes().FirstOrDefault(a => a is TimerTriggerAttribute or QueueTriggerAttribute or HttpTriggerAttribute)))
                    .FirstOrDefault(p => p.Attribute is not null);
                if (trigger.Attribute is null)
                {
                    throw new InvalidOperationException($"Function {function.Name} has a trigger the local runner does not support.");
                }

                functions.Add(new FunctionDescriptor(function.Name, type, method, trigger.Parameter, trigger.Attribute));
            }
        }

        return functions;
    }
}
