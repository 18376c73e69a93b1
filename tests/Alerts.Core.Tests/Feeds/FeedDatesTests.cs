using Alerts.Core.Feeds.Parsing;

namespace Alerts.Core.Tests.Feeds;

public class FeedDatesTests
{
    [Theory]
    [InlineData("Thu, 01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z")]
    [InlineData("Thu, 1 Jan 04 19:48 +0100", "2004-01-01T18:48:00Z")]
    [InlineData("01 Jan 2004 19:48:21 PDT", "2004-01-02T02:48:21Z")]
    [InlineData("Thu, 01 Jan 2004 19:48:21 +0000 (UTC)", "2004-01-01T19:48:21Z")]
    [InlineData("Thu, 01 Jan 2004 19:48:21", "2004-01-01T19:48:21Z")]
    [InlineData("Thu, 01 Jan 2004 19:48:21GMT", "2004-01-01T19:48:21Z")]
    [InlineData("January 1, 2004 7:48 PM", "2004-01-01T19:48:00Z")]
    [InlineData("Sept. 1, 2004 12:00 AM EST", "2004-09-01T05:00:00Z")]
    [InlineData("2004-01-01T19:48:21.52Z", "2004-01-01T19:48:21.52Z")]
    [InlineData("2004-01-01T21:48:21+02:00", "2004-01-01T19:48:21Z")]
    [InlineData("2004-01-01", "2004-01-01T00:00:00Z")]
    [InlineData("2004-01-01 19:48:21", "2004-01-01T19:48:21Z")]
    public void Reads_common_variants_as_utc(string text, string expected)
    {
        var parsed = FeedDates.Parse(text);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), parsed);
        Assert.Equal(TimeSpan.Zero, parsed!.Value.Offset);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("Thu, 32 Jan 2004 19:48:21 GMT")]
    [InlineData("Thu, 01 Jan 2004 25:48:21 GMT")]
    [InlineData("2004-13-45T00:00:00Z")]
    public void Unreadable_dates_are_null(string? text)
        => Assert.Null(FeedDates.Parse(text));
}
