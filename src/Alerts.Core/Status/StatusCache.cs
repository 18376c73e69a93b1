using Microsoft.Extensions.Options;

namespace Alerts.Core.Status;

/// <summary>
/// The status report shared by <c>GET /api/status</c> and the status page, rebuilt at most every
/// <c>Alerts:StatusCacheSeconds</c>. Builds run under their own storage budget, so a caller that goes away
/// never cancels the build others wait for.
/// </summary>
public sealed class StatusCache(IStatusBuilder builder, TimeProvider time, IOptions<AlertsOptions> options)
{
    private readonly TimedCache<StatusReport> _cache = new(time, TimeSpan.FromSeconds(Math.Max(0, options.Value.StatusCacheSeconds)));

    public Task<StatusReport> GetAsync(CancellationToken cancellationToken)
        => _cache.GetAsync(builder.BuildAsync, CancellationToken.None).WaitAsync(cancellationToken);
}
