namespace Alerts.Integration.Tests.Infrastructure;

/// <summary>Polls a condition until it holds or the time is up; the pipeline is asynchronous by design.</summary>
internal static class Eventually
{
    public static async Task Async(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Exception? last = null;
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException e)
            {
                // Not listening yet.
                last = e;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException(describe(), last);
            }

            await Task.Delay(250);
        }
    }
}
