using Alerts.Core.Status;
using Alerts.Core.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Functions;

public sealed class PruneStorage(RetentionService retention, RunLog runs)
{
    [Function(nameof(PruneStorage))]
    public Task Run([TimerTrigger("%Alerts:PruneSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
        => runs.TrackAsync(nameof(PruneStorage), retention.RunAsync, cancellationToken);
}
