using Alerts.Core.Classification;

namespace Alerts.Core.Tests.Classification;

public class TopicClassifierTests
{
    private static readonly TopicClassifier Classifier = new(TopicDefinitions.Embedded());

    private static string[] Ids(Alerts.Core.Classification.Classification c) => c.Topics.Select(t => t.Id).ToArray();

    private static string[] Ids(string title, string? summary = null) => Ids(Classifier.Classify(title, summary));

    [Fact]
    public void Embedded_definitions_have_the_three_topics()
        => Assert.Equal(["tariffs", "trade-talks", "rare-earth-export-controls"], Classifier.TopicIds);

    [Fact]
    public void Tariff_threat_is_tariffs_with_high_severity_and_the_rule_that_set_it()
    {
        var result = Classifier.Classify("US threatens additional 100% tariff on Chinese goods", null);

        Assert.Equal(["tariffs"], Ids(result));
        Assert.True(result.Matched);
        Assert.Equal(Severity.High, result.Severity);
        Assert.StartsWith("tariffs/new or threatened tariff: ", result.SeverityRule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Regulator approves new feed-in tariff for rooftop solar", null)]
    [InlineData("Power company raises electricity tariff by 8%", "Households pay more per kilowatt hour from April.")]
    [InlineData("Hotel tariffs soar ahead of festival", "Room rates near the grounds have tripled.")]
    [InlineData("Telecom operator lifts mobile tariffs", "Prepaid plans cost up to 20% more.")]
    [InlineData("House sales slump as stamp duty relief ends", null)]
    [InlineData("Court rules directors breached their fiduciary duty", null)]
    [InlineData("Airport duty-free sales hit a record", null)]
    [InlineData("Chipmaker takes a $2 billion charge as export curbs bite", "The company wrote down inventory it can no longer sell, a 12% hit to quarterly profit.")]
    [InlineData("Finance ministry doubles excise on sugary drinks", "An extra 8% levy would apply to sweetened beverages from January.")]
    [InlineData("Government raises luxury tax on yachts", "Buyers will pay an extra levy on boats over a price threshold.")]
    public void Tariffs_that_are_not_customs_duties_do_not_match(string title, string? summary)
        => Assert.DoesNotContain("tariffs", Ids(title, summary));

    [Theory]
    [InlineData("Seoul weighs new levies on Chinese steel", "The charges on imported plate would apply from March 3.")]
    [InlineData("Import taxes on Indian shrimp to rise", null)]
    [InlineData("Customs charges on small parcels return", "Postal operators said buyers will pay fees on every package.")]
    [InlineData("EU slaps anti-dumping duties on Chinese tyres", null)]
    [InlineData("US tariffs on Canadian lumber tariffed again", null)]
    [InlineData("Quarterly results beat forecasts", "The retailer said higher customs duties on goods from Vietnam would shave margins.")]
    [InlineData("Canada puts a 25% charge on steel from non-partner countries", null)]
    [InlineData("Brussels adds surcharges on Chinese electric vehicles", null)]
    [InlineData("Beijing orders cash deposits on imports of European pork", null)]
    public void Paraphrased_customs_duties_are_tariffs(string title, string? summary)
        => Assert.Contains("tariffs", Ids(title, summary));

    [Fact]
    public void A_passing_mention_of_tariffs_in_the_summary_is_not_enough()
        => Assert.Empty(Ids("Central bank holds rates", "Officials said tariff pressures might lift prices later this year."));

    [Theory]
    [InlineData("Lakers in trade talks for a guard", null)]
    [InlineData("Union and employer resume wage talks", null)]
    [InlineData("Peace talks resume in Doha", "Negotiators discussed a ceasefire and prisoner exchanges.")]
    [InlineData("Carmakers call off merger talks", null)]
    public void Talks_that_are_not_about_trade_are_not_trade_talks(string title, string? summary)
        => Assert.DoesNotContain("trade-talks", Ids(title, summary));

    [Theory]
    [InlineData("Envoys meet in Kuala Lumpur to narrow gaps", "Negotiators from Washington and Beijing worked on a framework deal covering soybean purchases.")]
    [InlineData("Britain and Gulf states sign free trade agreement", null)]
    [InlineData("Greer says deal with India is close", "The two sides have narrowed differences on farm goods.")]
    public void Paraphrased_trade_negotiations_are_trade_talks(string title, string? summary)
        => Assert.Contains("trade-talks", Ids(title, summary));

    [Fact]
    public void Talks_about_tariff_levels_are_both_trade_talks_and_tariffs()
    {
        var ids = Ids("US and China resume trade talks on tariff levels", "Negotiators met in Geneva to discuss current tariff rates.");

        Assert.Contains("trade-talks", ids);
        Assert.Contains("tariffs", ids);
    }

    [Fact]
    public void Export_controls_on_gallium_and_germanium_are_rare_earth_export_controls_with_high_severity()
    {
        var result = Classifier.Classify("China tightens export controls on gallium and germanium", null);

        Assert.Equal(["rare-earth-export-controls"], Ids(result));
        Assert.Equal(Severity.High, result.Severity);
    }

    [Theory]
    [InlineData("Japan magnet makers still waiting on export licences", "Buyers said approvals from Beijing were slow.")]
    [InlineData("Beijing suspends rare earth curbs for a year", null)]
    [InlineData("Antimony prices triple after Chinese shipments dry up", "Exporters now need permits for the metal.")]
    public void Paraphrased_mineral_export_controls_match(string title, string? summary)
        => Assert.Contains("rare-earth-export-controls", Ids(title, summary));

    [Theory]
    [InlineData("New export controls on AI chips", "The Commerce Department restricted sales of processors to China.")]
    [InlineData("Miner finds large rare earth deposit in Norway", null)]
    [InlineData("Startup opens rare earth magnet plant in Texas", null)]
    public void Chip_controls_and_mineral_news_without_controls_are_not_rare_earth_export_controls(string title, string? summary)
        => Assert.DoesNotContain("rare-earth-export-controls", Ids(title, summary));

    [Theory]
    [InlineData("US threatens additional 100% tariff on Chinese goods", null)]
    [InlineData("China tightens export controls on gallium and germanium", "Rare-earth magnets and critical minerals also face an export ban.")]
    [InlineData("US and China resume trade talks on tariff levels", "Negotiators discussed Section 232 duties and the trade truce.")]
    [InlineData("<b>Japan</b> &amp; US officials meet on auto tariffs", "<p>Negotiations on import duties continue.</p>")]
    public void Evidence_offsets_point_at_the_evidence_text(string title, string? summary)
    {
        var result = Classifier.Classify(title, summary);
        var text = TopicClassifier.TextOf(title, summary);

        Assert.NotEmpty(result.Topics);
        Assert.All(result.Topics, topic =>
        {
            Assert.NotEmpty(topic.Evidence);
            Assert.All(topic.Evidence, e =>
            {
                Assert.InRange(e.Start, 0, text.Length);
                Assert.InRange(e.End, e.Start + 1, text.Length);
                Assert.Equal(e.Text, text[e.Start..e.End]);
            });
        });
    }

    [Fact]
    public void Evidence_in_the_summary_is_offset_past_the_title()
    {
        const string title = "Markets update";
        const string summary = "Officials said they would impose a tariff on steel imports.";

        var topic = Assert.Single(Classifier.Classify(title, summary).Topics);

        Assert.Equal("tariffs", topic.Id);
        var evidence = Assert.Single(topic.Evidence, e => e.Text == "tariff");
        Assert.Equal(title.Length + 1 + summary.IndexOf("tariff", StringComparison.Ordinal), evidence.Start);
    }

    [Fact]
    public void TextOf_joins_the_cleaned_title_and_summary_with_a_newline()
    {
        Assert.Equal("Title\nSummary", TopicClassifier.TextOf("Title", "Summary"));
        Assert.Equal("Title\n", TopicClassifier.TextOf("Title", null));
        Assert.Equal("A & B\nC", TopicClassifier.TextOf("<i>A</i> &amp; B", "<p>C</p>"));
    }

    [Fact]
    public void Negative_context_cancels_only_the_phrases_inside_it()
    {
        var result = Classifier.Classify("Feed-in tariff review as US imposes new tariff on steel imports", null);

        var tariffs = Assert.Single(result.Topics);
        Assert.All(tariffs.Evidence, e => Assert.True(e.Start > "Feed-in tariff".Length, $"evidence \"{e.Text}\" at {e.Start}"));
    }

    [Fact]
    public void Weak_phrases_below_the_threshold_do_not_match()
        => Assert.Empty(Classifier.Classify("Council approves a new levy on parking", null).Topics);

    [Fact]
    public void Severity_is_medium_for_a_tariff_change_and_low_without_severity_words()
    {
        var cut = Classifier.Classify("China to cut tariffs on US soybeans", null);
        Assert.Equal(Severity.Medium, cut.Severity);
        Assert.StartsWith("tariffs/tariff change or ruling", cut.SeverityRule, StringComparison.Ordinal);

        var explainer = Classifier.Classify("Explainer: how tariffs work", null);
        Assert.Equal(["tariffs"], Ids(explainer));
        Assert.Equal(Severity.Low, explainer.Severity);
        Assert.Equal("default", explainer.SeverityRule);
    }

    [Fact]
    public void Talks_collapsing_are_high_severity()
    {
        var result = Classifier.Classify("US-India trade talks collapse over farm access", null);

        Assert.Contains("trade-talks", Ids(result));
        Assert.Equal(Severity.High, result.Severity);
        Assert.StartsWith("trade-talks/talks collapse or conclude", result.SeverityRule, StringComparison.Ordinal);
    }

    [Fact]
    public void Matching_ignores_case_accents_hyphens_spelling_and_inflection()
    {
        Assert.Equal(["rare-earth-export-controls"], Ids("BEIJING EXPANDS RARE-EARTH EXPORT-CONTROL LIST", null));
        Assert.Equal(["rare-earth-export-controls"], Ids("China requires export licenses for rare earths", null));
        Assert.Equal(["tariffs"], Ids("Anti dumping duties on steel", null));
        Assert.Equal(["tariffs"], Ids("Trump threatens 50% tarrif on Brazil", null));
    }

    [Fact]
    public void Explain_lists_every_topic_with_its_contributions()
    {
        var explanation = Classifier.Explain("US threatens additional 100% tariff on Chinese goods", null);

        Assert.Equal(Classifier.TopicIds, explanation.Topics.Select(t => t.Id));
        var tariffs = Assert.Single(explanation.Topics, t => t.Matched);
        Assert.Equal("tariffs", tariffs.Id);
        Assert.True(tariffs.Total >= tariffs.Threshold);
        Assert.Contains(tariffs.Contributions, c => c.Rule == "tariff" && c.Evidence.Single().Text == "tariff");
        Assert.Contains(explanation.Topics, t => t.RuledOut is not null);
    }
}
