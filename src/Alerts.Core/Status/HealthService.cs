using Alerts.Core.Storage;

namespace Alerts.Core.Status;

/// <summary>Checks that Table and Queue storage answer, within a bounded time.</summary>
public sealed class HealthService(AlertsStorage storage)
{
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    public Task<(bool Healthy, string? Error)> CheckAsync(CancellationToken cancellationToken) => CheckAsync(Budget, cancellationToken);

    /// <summary>The same check with another budget: a process's first call also pays for connecting and warming up.</summary>
    public async Task<(bool Healthy, string? Error)> CheckAsync(TimeSpan budget, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(budget);
        try
        {
            // WaitAsync keeps the promise even if a storage call ignored its token.
            await Task.WhenAll(
                storage.TableService.GetPropertiesAsync(timeout.Token),
                storage.QueueService.GetPropertiesAsync(timeout.Token)).WaitAsync(budget, cancellationToken).ConfigureAwait(false);
            return (true, null);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, timeout.IsCancellationRequested || e is TimeoutException ? $"storage did not answer within {budget.TotalSeconds:0} s" : "storage unreachable: " + e.Message);
        }
    }
}
