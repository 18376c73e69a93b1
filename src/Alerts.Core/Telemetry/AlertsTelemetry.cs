using System.Diagnostics;
using System.Diagnostics.Metrics;
using Alerts.Core.Status;

namespace Alerts.Core.Telemetry;

/// <summary>
/// The service's one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named <c>Alerts</c>, and
/// its instruments. Services record through the methods here so names, units and tags stay the same everywhere.
/// </summary>
public static class AlertsTelemetry
{
    public const string Name = "Alerts";

    public const string RunsInstrument = "alerts.runs";
    public const string RunDurationInstrument = "alerts.run.duration";
    public const string ItemsPolledInstrument = "alerts.items.polled";
    public const string ItemsClassifiedInstrument = "alerts.items.classified";
    public const string DeliveriesInstrument = "alerts.deliveries";
    public const string DeliveryRetriesInstrument = "alerts.deliveries.retries";
    public const string QueueAgeInstrument = "alerts.queue.age";
    public const string QueueRedeliveriesInstrument = "alerts.queue.redeliveries";
    public const string StatusBuildsInstrument = "alerts.status.builds";

    /// <summary>Tag names, in OpenTelemetry's dotted style.</summary>
    public const string FunctionTag = "alerts.function";
    public const string OutcomeTag = "alerts.outcome";
    public const string ItemsNewTag = "alerts.items_new";
    public const string TopicTag = "alerts.topic";
    public const string ChannelTag = "alerts.channel";
    public const string QueueTag = "alerts.queue";
    public const string StatusTag = "alerts.status";

    public static readonly ActivitySource Source = new(Name, StatusService.Version);

    public static readonly Meter Meter = new(Name, StatusService.Version);

    private static readonly Counter<long> Runs = Meter.CreateCounter<long>(RunsInstrument, "{run}", "Function runs, by function and outcome (succeeded, failed).");
    private static readonly Histogram<double> RunDuration = Meter.CreateHistogram<double>(RunDurationInstrument, "s", "How long function runs take.");
    private static readonly Counter<long> ItemsPolled = Meter.CreateCounter<long>(ItemsPolledInstrument, "{item}", "New items found by polling feeds.");
    private static readonly Counter<long> ItemsClassified = Meter.CreateCounter<long>(ItemsClassifiedInstrument, "{item}", "Items classified, by topic (unmatched for none).");
    private static readonly Counter<long> Deliveries = Meter.CreateCounter<long>(DeliveriesInstrument, "{delivery}", "Digests and webhook pushes, by channel and outcome (sent, failed).");
    private static readonly Counter<long> DeliveryRetries = Meter.CreateCounter<long>(DeliveryRetriesInstrument, "{retry}", "Delivery attempts scheduled again after a failure, by channel.");
    private static readonly Histogram<double> QueueAge = Meter.CreateHistogram<double>(QueueAgeInstrument, "s", "Time from enqueue to processing, by queue.");
    private static readonly Counter<long> QueueRedeliveries = Meter.CreateCounter<long>(QueueRedeliveriesInstrument, "{message}", "Queue messages processed again after a failed attempt, by queue.");
    private static readonly Counter<long> StatusBuilds = Meter.CreateCounter<long>(StatusBuildsInstrument, "{build}", "Status reports built (not served from the cache), by resulting status.");

    /// <summary>
    /// The span of one invocation by the local runner (on Azure the Functions worker makes its own); a timer's
    /// run span from <see cref="StartRun"/> nests inside it.
    /// </summary>
    public static Activity? StartInvocation(string function, string trigger)
    {
        var activity = Source.StartActivity("invoke " + function, trigger == "http" ? ActivityKind.Server : ActivityKind.Consumer);
        activity?.SetTag(FunctionTag, function);
        activity?.SetTag("faas.trigger", trigger);
        return activity;
    }

    /// <summary>Starts the span of one timer function run; <see cref="RunEnded"/> closes its books.</summary>
    public static Activity? StartRun(string function)
    {
        var activity = Source.StartActivity(function, ActivityKind.Internal);
        activity?.SetTag(FunctionTag, function);
        return activity;
    }

    public static void RunEnded(Activity? activity, string function, string outcome, int itemsNew, TimeSpan duration, Exception? error = null)
    {
        if (activity is not null)
        {
            activity.SetTag(OutcomeTag, outcome);
            activity.SetTag(ItemsNewTag, itemsNew);
            if (error is null)
            {
                activity.SetStatus(ActivityStatusCode.Ok);
            }
            else
            {
                activity.SetStatus(ActivityStatusCode.Error, error.Message);
                activity.AddException(error);
            }
        }

        var tags = new TagList { { FunctionTag, function }, { OutcomeTag, outcome } };
        Runs.Add(1, tags);
        RunDuration.Record(duration.TotalSeconds, tags);
    }

    /// <summary>New items one poll of one feed found.</summary>
    public static void Polled(long newItems) => ItemsPolled.Add(newItems);

    /// <summary>One classified item: once per matched topic, or once with <see cref="StatusService.Unmatched"/>.</summary>
    public static void Classified(string topic) => ItemsClassified.Add(1, new KeyValuePair<string, object?>(TopicTag, topic));

    public static void Delivered(string channel, bool sent, long count = 1)
        => Deliveries.Add(count, new KeyValuePair<string, object?>(ChannelTag, channel), new KeyValuePair<string, object?>(OutcomeTag, sent ? "sent" : "failed"));

    public static void DeliveryRetried(string channel) => DeliveryRetries.Add(1, new KeyValuePair<string, object?>(ChannelTag, channel));

    /// <summary>A queue message about to be processed: how long it waited, and whether this is a retry.</summary>
    public static void Dequeued(string queue, DateTimeOffset? insertedOn, long dequeueCount, DateTimeOffset now)
    {
        var tag = new KeyValuePair<string, object?>(QueueTag, queue);
        if (insertedOn is { } inserted)
        {
            QueueAge.Record(Math.Max(0, (now - inserted).TotalSeconds), tag);
        }

        if (dequeueCount > 1)
        {
            QueueRedeliveries.Add(1, tag);
        }
    }

    internal static void StatusBuilt(string status) => StatusBuilds.Add(1, new KeyValuePair<string, object?>(StatusTag, status));
}
