using Alerts.Core.Classification;
using Alerts.Core.Feeds;
using Alerts.Core.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Functions;

public sealed class ClassifyItem(ClassifyItemService classification)
{
    [Function(nameof(ClassifyItem))]
    public Task Run([QueueTrigger(StorageNames.NewsItemsQueue)] string message, CancellationToken cancellationToken)
        => classification.ClassifyAsync(QueueMessages.Parse<NewsItemMessage>(message), cancellationToken);
}
