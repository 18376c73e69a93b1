namespace Alerts.Core.Delivery;

/// <summary>
/// A message on <c>digest-jobs</c>: send these email subscribers the alerts discovered up to <see cref="WindowEnd"/>,
/// for the <c>SendDigests</c> run at <see cref="RunAt"/>.
/// <c>SendDigests</c> puts subscribers with the same preferences and watermark in one job, so their identical
/// digests share SendGrid requests.
/// </summary>
public sealed record DigestJobMessage(int Schema, IReadOnlyList<string> SubscriberIds, DateTimeOffset WindowEnd, DateTimeOffset RunAt)
{
    public const int CurrentSchema = 2;

    /// <summary>Keeps a job under the 64 KB queue message limit after base64 (32-character ids: 1,000 of them).</summary>
    public const int MaxIdCharacters = 40_000;
}
