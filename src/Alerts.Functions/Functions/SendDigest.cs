using Alerts.Core.Delivery;
using Alerts.Core.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Functions;

public sealed class SendDigest(SendDigestService digest)
{
    [Function(nameof(SendDigest))]
    public Task Run([QueueTrigger(StorageNames.DigestJobsQueue)] string message, CancellationToken cancellationToken)
        => digest.SendAsync(QueueMessages.Parse<DigestJobMessage>(message), cancellationToken);
}
