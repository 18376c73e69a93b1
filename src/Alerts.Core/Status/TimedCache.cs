namespace Alerts.Core.Status;

/// <summary>
/// Keeps one value for a while and lets concurrent callers share one build: a storm of calls costs one build,
/// however short the lifetime (zero means "only share builds in flight").
/// </summary>
public sealed class TimedCache<T>(TimeProvider time, TimeSpan lifetime) where T : class
{
    private readonly Lock _gate = new();
    private T? _value;
    private DateTimeOffset _builtAt;
    private Task<T>? _building;

    /// <summary>The cached value, or the build in flight, or a new build with <paramref name="build"/>; a failed build is not kept.</summary>
    public Task<T> GetAsync(Func<CancellationToken, Task<T>> build, CancellationToken buildCancellation)
    {
        lock (_gate)
        {
            if (_value is not null && time.GetUtcNow() - _builtAt < lifetime)
            {
                return Task.FromResult(_value);
            }

            if (_building is null || _building.IsCompleted)
            {
                _building = BuildAsync(build, buildCancellation);
            }

            return _building;
        }
    }

    private async Task<T> BuildAsync(Func<CancellationToken, Task<T>> build, CancellationToken cancellationToken)
    {
        // Leaves the lock before the build's synchronous part runs.
        await Task.Yield();
        var value = await build(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _value = value;
            _builtAt = time.GetUtcNow();
        }

        return value;
    }
}
