namespace Alerts.Core.Feeds;

/// <summary>The document is not a readable feed; the message says why, in words fit for feed health.</summary>
public sealed class FeedFormatException(string message, Exception? inner = null) : Exception(message, inner);
