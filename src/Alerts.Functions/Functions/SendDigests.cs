using Alerts.Core.Delivery;
using Alerts.Core.Status;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Functions;

public sealed class SendDigests(SendDigestsService digests, RunLog runs)
{
    [Function(nameof(SendDigests))]
    public Task Run([TimerTrigger("%Alerts:DigestSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
        => runs.TrackAsync(nameof(SendDigests), digests.EnqueueDueAsync, cancellationToken);
}
