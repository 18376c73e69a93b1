using System.Net;
using Alerts.Core.Feeds;
using Polly;
using Polly.Timeout;

namespace Alerts.Core.Tests.Feeds;

public class FeedResilienceTests
{
    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.GatewayTimeout, true)]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData(HttpStatusCode.TooManyRequests, false)]
    [InlineData(HttpStatusCode.ServiceUnavailable, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    [InlineData(HttpStatusCode.Gone, false)]
    [InlineData(HttpStatusCode.OK, false)]
    public void Only_gateway_errors_are_retried_and_never_rate_limits(HttpStatusCode status, bool retried)
    {
        using var response = new HttpResponseMessage(status);
        Assert.Equal(retried, FeedResilience.IsTransient(Outcome.FromResult(response)));
    }

    [Fact]
    public void Connection_failures_and_attempt_timeouts_are_retried()
    {
        Assert.True(FeedResilience.IsTransient(Outcome.FromException<HttpResponseMessage>(new HttpRequestException("refused"))));
        Assert.True(FeedResilience.IsTransient(Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException())));
        Assert.False(FeedResilience.IsTransient(Outcome.FromException<HttpResponseMessage>(new InvalidOperationException())));
    }
}
