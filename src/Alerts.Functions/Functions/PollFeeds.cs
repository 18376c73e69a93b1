using Alerts.Core.Feeds;
using Alerts.Core.Status;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Functions;

public sealed class PollFeeds(PollFeedsService polling, RunLog runs)
{
    [Function(nameof(PollFeeds))]
    public Task Run([TimerTrigger("%Alerts:PollSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
        => runs.TrackAsync(nameof(PollFeeds), polling.PollAsync, cancellationToken);
}
