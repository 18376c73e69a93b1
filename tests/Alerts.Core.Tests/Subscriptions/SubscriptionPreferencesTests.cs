using Alerts.Core.Classification;
using Alerts.Core.Subscriptions;

namespace Alerts.Core.Tests.Subscriptions;

public sealed class SubscriptionPreferencesTests
{
    private readonly SubscriptionPreferences _preferences = new(new TopicClassifier(TopicDefinitions.Embedded()));

    [Fact]
    public void Valid_fields_are_normalised_and_stored()
    {
        var subscriber = new SubscriberEntity();
        var errors = new ValidationErrors();

        _preferences.Apply(
            new PreferencesRequest(["Tariffs", "tariffs", " trade-talks"], "WEEKLY", "Europe/Berlin", 18, "High", new KeywordFilter(["steel", "Steel", " aluminium "], []), ["China", "Japan"]),
            subscriber,
            errors);

        Assert.False(errors.Any);
        Assert.Equal("tariffs,trade-talks", subscriber.Topics);
        Assert.Equal(Cadence.Weekly, subscriber.Cadence);
        Assert.Equal("Europe/Berlin", subscriber.TimeZone);
        Assert.Equal(18, subscriber.SendHour);
        Assert.Equal(Severity.High, subscriber.MinSeverity);
        Assert.Equal("""["steel","aluminium"]""", subscriber.KeywordsInclude);
        Assert.Equal("", subscriber.KeywordsExclude);
        Assert.Equal("China,Japan", subscriber.Countries);
    }

    [Fact]
    public void Fields_left_out_keep_their_values_and_defaults_are_daily_at_eight_utc_low()
    {
        var subscriber = new SubscriberEntity { Topics = "tariffs" };
        var errors = new ValidationErrors();

        _preferences.Apply(new PreferencesRequest(), subscriber, errors);

        Assert.False(errors.Any);
        Assert.Equal(("tariffs", Cadence.Daily, "UTC", 8, Severity.Low), (subscriber.Topics, subscriber.Cadence, subscriber.TimeZone, subscriber.SendHour, subscriber.MinSeverity));
    }

    [Fact]
    public void Every_invalid_field_is_reported_and_nothing_is_changed()
    {
        var subscriber = new SubscriberEntity { Topics = "tariffs" };
        var errors = new ValidationErrors();

        _preferences.Apply(
            new PreferencesRequest(["weather"], "hourly", "Mars/Olympus", 24, "critical", new KeywordFilter([new string('k', 65)], [null]), ["A,B"]),
            subscriber,
            errors);

        Assert.Equal(
            ["cadence", "countries", "keywords.exclude[0]", "keywords.include[0]", "minSeverity", "sendHour", "timeZone", "topics"],
            errors.ToDictionary().Keys.Order(StringComparer.Ordinal));
        Assert.Equal("tariffs", subscriber.Topics);
    }

    [Theory]
    [InlineData("UTC", true)]
    [InlineData("America/New_York", true)]
    [InlineData("W. Europe Standard Time", false)]
    [InlineData("../../etc/passwd", false)]
    public void Time_zones_must_be_iana_ids(string zone, bool valid)
    {
        var errors = new ValidationErrors();

        _preferences.Apply(new PreferencesRequest(TimeZone: zone), new SubscriberEntity(), errors);

        Assert.Equal(valid, !errors.Any);
    }

    [Fact]
    public void An_empty_topic_list_is_refused()
    {
        var errors = new ValidationErrors();

        _preferences.Apply(new PreferencesRequest(Topics: []), new SubscriberEntity(), errors);

        Assert.True(errors.ToDictionary().ContainsKey("topics"));
    }
}
