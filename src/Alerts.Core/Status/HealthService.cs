using Alerts.Core.Storage;

namespace Alerts.Core.Status;

/// <summary>Checks that Table and Queue storage answer, within a bounded time.</summary>
public sealed class HealthService(AlertsStorage storage)
{
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    public async Task<(bool Healthy, string? Error)> CheckAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Budget);
        try
        {
            // WaitAsync keeps the promise even if a storage call ignored its token.
            await Task.WhenAll(
                storage.TableService.GetPropertiesAsync(timeout.Token),
                storage.QueueService.GetPropertiesAsync(timeout.Token)).WaitAsync(Budget, cancellationToken).ConfigureAwait(false);
            return (true, null);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, timeout.IsCancellationRequested || e is TimeoutException ? $"storage did not answer within {Budget.TotalSeconds:0} s" : "storage unreachable: " + e.Message);
        }
    }
}
