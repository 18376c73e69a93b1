namespace Alerts.Core.Delivery;

/// <summary>A message on <c>digest-jobs</c>: send one subscriber the items discovered up to <see cref="WindowEnd"/>.</summary>
public sealed record DigestJobMessage(int Schema, string SubscriberId, DateTimeOffset WindowEnd)
{
    public const int CurrentSchema = 1;
}
