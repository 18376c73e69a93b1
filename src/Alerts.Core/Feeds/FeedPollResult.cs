namespace Alerts.Core.Feeds;

public enum FeedPollOutcome
{
    Fetched,
    NotModified,
    Failed,
    Paused,
    Gone,
}

/// <summary>One feed's poll, as the operator's <c>alerts poll --once</c> shows it; <see cref="Feed"/> is the row as stored afterwards.</summary>
public sealed record FeedPollResult(FeedEntity Feed, FeedPollOutcome Outcome, int ItemsNew);
