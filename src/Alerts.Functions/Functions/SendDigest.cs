using Alerts.Core.Delivery;
using Alerts.Core.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Functions;

public sealed class SendDigest(SendDigestService digest)
{
    [Function(nameof(SendDigest))]
    public async Task Run([QueueTrigger(StorageNames.DigestJobsQueue)] string message, CancellationToken cancellationToken)
        => await digest.SendAsync(QueueMessages.Parse<DigestJobMessage>(message), cancellationToken);
}
