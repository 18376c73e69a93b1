namespace Alerts.Core.Feeds;

/// <summary>
/// A fetch that failed, with the message feed health shows. <see cref="RetryAt"/> is the publisher's
/// <c>Retry-After</c> (429, 503), <see cref="Status"/> the HTTP status when there was an answer.
/// </summary>
public sealed class FeedFetchException(string message, int? status = null, DateTimeOffset? retryAt = null, Exception? inner = null)
    : Exception(message, inner)
{
    public int? Status { get; } = status;

    public DateTimeOffset? RetryAt { get; } = retryAt;
}
