using System.Net;
using Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;

namespace Alerts.Core.Tests.Subscriptions;

public sealed class RequestContextTests
{
    [Theory]
    [InlineData("198.51.100.7:52311", "198.51.100.7")]
    [InlineData("203.0.113.9, 198.51.100.7:52311", "198.51.100.7")]
    [InlineData("[2001:db8::5]:443", "2001:db8::5")]
    [InlineData("2001:db8::5", "2001:db8::5")]
    public void Behind_the_front_end_the_client_is_the_last_forwarded_entry(string forwarded, string expected)
    {
        var request = Request(forwarded);

        Assert.Equal(expected, RequestContext.ClientAddress(request, new AlertsOptions { TrustForwardedFor = true }));
    }

    [Fact]
    public void Without_trust_a_forwarded_header_is_ignored()
        => Assert.Equal("192.0.2.1", RequestContext.ClientAddress(Request("203.0.113.9"), new AlertsOptions()));

    [Fact]
    public void The_bearer_token_wins_over_the_query_and_a_repeated_query_token_counts_as_none()
    {
        var bearer = Request(null);
        bearer.Headers.Authorization = "Bearer abc.def";
        bearer.QueryString = new QueryString("?token=other");
        var repeated = Request(null);
        repeated.QueryString = new QueryString("?token=a&token=b");

        Assert.Equal("abc.def", RequestContext.Token(bearer));
        Assert.Null(RequestContext.Token(repeated));
    }

    private static HttpRequest Request(string? forwarded)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.1");
        if (forwarded is not null)
        {
            context.Request.Headers["X-Forwarded-For"] = forwarded;
        }

        return context.Request;
    }
}
