using Alerts.Core.Classification;
using Alerts.Core.Delivery;
using Alerts.Core.Subscriptions;
using static Alerts.Core.Tests.Delivery.Alerts;

namespace Alerts.Core.Tests.Delivery;

public class DigestItemsTests
{
    private static readonly DateTimeOffset Noon = new(2025, 10, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Ranks_by_severity_then_score_then_newest()
    {
        var ranked = DigestItems.Rank([
            Alert("low", severity: Severity.Low, score: 9),
            Alert("medium strong", severity: Severity.Medium, score: 3),
            Alert("high", severity: Severity.High, score: 1),
            Alert("medium weak older", severity: Severity.Medium, score: 1, discoveredAt: Noon),
            Alert("medium weak newer", severity: Severity.Medium, score: 1, discoveredAt: Noon.AddMinutes(1)),
        ]);

        Assert.Equal(["high", "medium strong", "medium weak newer", "medium weak older", "low"], ranked.Select(a => a.Title));
    }

    [Fact]
    public void Selects_alerts_after_the_watermark_that_match_the_preferences()
    {
        var preferences = AlertPreferences.Of(new SubscriberEntity { Topics = "tariffs", MinSeverity = Severity.Medium });
        var alerts = new[]
        {
            Alert("before", discoveredAt: Noon.AddMinutes(-1)),
            Alert("at the watermark", discoveredAt: Noon),
            Alert("after", discoveredAt: Noon.AddMinutes(1)),
            Alert("wrong topic", topics: "trade-talks", discoveredAt: Noon.AddMinutes(1)),
            Alert("too mild", severity: Severity.Low, discoveredAt: Noon.AddMinutes(1)),
        };

        Assert.Equal(["after"], DigestItems.Select(alerts, preferences, Noon).Select(a => a.Title));
    }
}
