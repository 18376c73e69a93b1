using System.Net;
using System.Net.Http.Headers;
using Alerts.Core.Delivery;

namespace Alerts.Core.Tests.Delivery;

public class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(2);

    [Fact]
    public void Reads_retry_after_seconds_and_dates()
    {
        using var seconds = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        seconds.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        using var date = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        date.Headers.RetryAfter = new RetryConditionHeaderValue(Now.AddSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(7), RetryAfter.Delay(seconds, Now, Max));
        Assert.Equal(TimeSpan.FromSeconds(30), RetryAfter.Delay(date, Now, Max));
    }

    [Fact]
    public void Reads_sendgrids_rate_limit_reset_in_unix_seconds()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.Add("X-RateLimit-Reset", Now.AddSeconds(12).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(TimeSpan.FromSeconds(12), RetryAfter.Delay(response, Now, Max));
    }

    [Fact]
    public void Caps_long_waits_and_ignores_past_and_missing_ones()
    {
        using var long_ = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        long_.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromHours(3));
        using var past = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        past.Headers.RetryAfter = new RetryConditionHeaderValue(Now.AddMinutes(-1));
        using var none = new HttpResponseMessage(HttpStatusCode.InternalServerError);
        using var garbage = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        garbage.Headers.TryAddWithoutValidation("X-RateLimit-Reset", "soon");

        Assert.Equal(Max, RetryAfter.Delay(long_, Now, Max));
        Assert.Equal(TimeSpan.Zero, RetryAfter.Delay(past, Now, Max));
        Assert.Null(RetryAfter.Delay(none, Now, Max));
        Assert.Null(RetryAfter.Delay(garbage, Now, Max));
    }
}
