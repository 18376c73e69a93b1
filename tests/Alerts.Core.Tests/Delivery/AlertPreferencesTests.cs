using Alerts.Core.Classification;
using Alerts.Core.Delivery;
using Alerts.Core.Subscriptions;
using static Alerts.Core.Tests.Delivery.Alerts;

namespace Alerts.Core.Tests.Delivery;

public class AlertPreferencesTests
{
    private static AlertPreferences Preferences(string topics = "", string minSeverity = Severity.Low, string include = "", string exclude = "", string countries = "")
        => AlertPreferences.Of(new SubscriberEntity { Topics = topics, MinSeverity = minSeverity, KeywordsInclude = include, KeywordsExclude = exclude, Countries = countries });

    [Fact]
    public void Topics_must_overlap_and_none_listed_means_all()
    {
        Assert.True(Preferences("tariffs,trade-talks").Matches(Alert("x", topics: "trade-talks")));
        Assert.False(Preferences("rare-earth-export-controls").Matches(Alert("x", topics: "tariffs")));
        Assert.True(Preferences().Matches(Alert("x", topics: "tariffs")));
    }

    [Theory]
    [InlineData(Severity.Low, Severity.Low, true)]
    [InlineData(Severity.Medium, Severity.Low, false)]
    [InlineData(Severity.Medium, Severity.Medium, true)]
    [InlineData(Severity.Medium, Severity.High, true)]
    [InlineData(Severity.High, Severity.Medium, false)]
    [InlineData(Severity.High, Severity.High, true)]
    public void Severity_must_reach_the_minimum(string minimum, string severity, bool matches)
        => Assert.Equal(matches, Preferences(minSeverity: minimum).Matches(Alert("x", severity: severity)));

    [Fact]
    public void Included_keywords_need_one_whole_word_match_ignoring_case_and_accents()
    {
        var preferences = Preferences(include: """["EU", "Peña"]""");

        Assert.True(preferences.Matches(Alert("The eu answers")));
        Assert.True(preferences.Matches(Alert("Talks", summary: "Statement by PENA.")));
        Assert.False(preferences.Matches(Alert("A neutral stance")));
        Assert.False(preferences.Matches(Alert("Nothing here")));
    }

    [Fact]
    public void Excluded_keywords_drop_an_alert()
    {
        var preferences = Preferences(exclude: """["soybeans"]""");

        Assert.False(preferences.Matches(Alert("Tariffs on Soybeans")));
        Assert.True(preferences.Matches(Alert("Tariffs on steel")));
    }

    [Fact]
    public void Countries_need_one_named_by_the_classifier()
    {
        var preferences = Preferences(countries: "China, United States");

        Assert.True(preferences.Matches(Alert("x", countries: ["china"])));
        Assert.False(preferences.Matches(Alert("x", countries: ["Japan"])));
        Assert.False(preferences.Matches(Alert("x")));
        Assert.True(Preferences().Matches(Alert("x")));
    }

    [Fact]
    public void Malformed_keyword_lists_read_as_none()
        => Assert.True(Preferences(include: "not json", exclude: "[1,").Matches(Alert("x")));

    [Fact]
    public void Equal_preferences_have_equal_keys_whatever_the_order()
    {
        Assert.Equal(Preferences("tariffs,trade-talks", include: """["b","a"]""").Key, Preferences("trade-talks,tariffs", include: """["a","b"]""").Key);
        Assert.NotEqual(Preferences("tariffs").Key, Preferences("tariffs", minSeverity: Severity.High).Key);
    }
}
