namespace Alerts.Core.Status;

/// <summary>Builds a fresh status report from storage (<see cref="StatusService"/>); <see cref="StatusCache"/> decides how often.</summary>
public interface IStatusBuilder
{
    Task<StatusReport> BuildAsync(CancellationToken cancellationToken);
}
