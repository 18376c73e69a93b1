using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Cli.Runner;

/// <summary>One <c>[Function]</c> method of the Functions app and the trigger it binds.</summary>
internal sealed record FunctionDescriptor(string Name, Type Type, MethodInfo Method, ParameterInfo TriggerParameter, Attribute Trigger)
{
    public TimerTriggerAttribute? Timer => Trigger as TimerTriggerAttribute;

    public QueueTriggerAttribute? Queue => Trigger as QueueTriggerAttribute;

    public HttpTriggerAttribute? Http => Trigger as HttpTriggerAttribute;
}
