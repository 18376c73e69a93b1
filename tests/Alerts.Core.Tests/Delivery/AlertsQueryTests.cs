using Alerts.Core.Delivery;

namespace Alerts.Core.Tests.Delivery;

public class AlertsQueryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] Topics = ["tariffs", "trade-talks"];

    private static AlertsQuery? Parse(out Dictionary<string, string[]> errors, string? topic = null, string? since = null, string? limit = null)
    {
        var values = new Dictionary<string, string?> { ["topic"] = topic, ["since"] = since, ["limit"] = limit };
        return AlertsQuery.Parse(name => values[name], Topics, Now, out errors);
    }

    [Fact]
    public void Defaults_to_every_topic_the_last_week_and_fifty_alerts()
    {
        var query = Parse(out var errors);

        Assert.Empty(errors);
        Assert.Equal(new AlertsQuery(null, Now.AddDays(-7), 50), query);
    }

    [Fact]
    public void Reads_topic_since_and_limit()
    {
        var query = Parse(out _, "tariffs", "2026-11-28T08:00:00+01:00", "10");

        Assert.Equal(new AlertsQuery("tariffs", new DateTimeOffset(2026, 11, 28, 7, 0, 0, TimeSpan.Zero), 10), query);
    }

    [Theory]
    [InlineData("sports", null, null, "topic")]
    [InlineData(null, "yesterday", null, "since")]
    [InlineData(null, "2026-01-01T00:00:00Z", null, "since")]
    [InlineData(null, null, "0", "limit")]
    [InlineData(null, null, "201", "limit")]
    [InlineData(null, null, "-5", "limit")]
    [InlineData(null, null, "ten", "limit")]
    public void Bad_values_are_reported_per_parameter(string? topic, string? since, string? limit, string field)
    {
        Assert.Null(Parse(out var errors, topic, since, limit));
        Assert.Equal([field], errors.Keys);
        Assert.NotEmpty(errors[field][0]);
    }
}
