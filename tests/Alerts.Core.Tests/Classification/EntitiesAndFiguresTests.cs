using Alerts.Core.Classification;

namespace Alerts.Core.Tests.Classification;

public class EntitiesAndFiguresTests
{
    private static readonly TopicClassifier Classifier = new(TopicDefinitions.Embedded());

    [Fact]
    public void Countries_come_from_names_adjectives_capitals_and_officials()
    {
        var entities = Classifier.Classify(
            "Bessent and He Lifeng meet in Kuala Lumpur",
            "Chinese and American negotiators, with Brussels watching, discussed South Korean chips and the EU.").Entities;

        Assert.Equal(["United States", "China", "European Union", "South Korea"], entities.Countries);
        Assert.Equal(["Scott Bessent", "He Lifeng"], entities.People);
        Assert.Equal(["Kuala Lumpur", "Brussels"], entities.Places);
    }

    [Fact]
    public void The_pronoun_us_and_non_capital_places_add_no_country()
    {
        var entities = Classifier.Classify("Tell us what happened in Geneva", null).Entities;

        Assert.Empty(entities.Countries);
        Assert.Equal(["Geneva"], entities.Places);
    }

    [Fact]
    public void Tariff_rates_amounts_deadlines_and_durations_are_figures()
    {
        var figures = Classifier.Classify(
            "US threatens 100% tariff, up from 145% duties",
            "The 90-day truce on $200 billion of goods runs until November 10; rates apply from 1 March. GDP grew 3%.").Figures;

        Assert.Equal(
            [
                new Figure("tariff-rate", "100%"),
                new Figure("tariff-rate", "145%"),
                new Figure("duration", "90-day"),
                new Figure("amount", "$200 billion"),
                new Figure("deadline", "until November 10"),
                new Figure("effective-date", "from 1 March"),
                new Figure("percentage", "3%"),
            ],
            figures);
    }

    [Fact]
    public void A_rate_range_is_one_figure()
        => Assert.Equal([new Figure("tariff-rate", "10-21%")], Classifier.Classify("Duties of 10-21% on steel", null).Figures);

    [Fact]
    public void An_item_without_entities_or_figures_has_empty_lists()
    {
        var result = Classifier.Classify("Wildfires tear through the hills", null);

        Assert.Same(Entities.None, result.Entities);
        Assert.Empty(result.Figures);
    }

    [Fact]
    public void A_custom_gazetteer_replaces_the_embedded_one()
    {
        using var stream = new MemoryStream("""
            {"countries":[{"name":"Ruritania","aliases":["Ruritanian"]}],
             "people":[{"name":"Rudolf Rassendyll","country":"Ruritania","aliases":["Rassendyll"]}],
             "places":[{"name":"Strelsau","country":"Ruritania"}]}
            """u8.ToArray());
        var classifier = new TopicClassifier(TopicDefinitions.Embedded(), Gazetteer.Load(stream));

        var entities = classifier.Classify("Rassendyll in Strelsau says Ruritanian tariffs stay", "China objected.").Entities;

        Assert.Equal(["Ruritania"], entities.Countries);
        Assert.Equal(["Rudolf Rassendyll"], entities.People);
        Assert.Equal(["Strelsau"], entities.Places);
    }

    [Fact]
    public void A_gazetteer_naming_an_unknown_country_is_rejected()
    {
        using var stream = new MemoryStream("""{"countries":[],"people":[{"name":"X","country":"Nowhere"}],"places":[]}"""u8.ToArray());

        Assert.Contains("Nowhere", Assert.Throws<InvalidDataException>(() => Gazetteer.Load(stream)).Message, StringComparison.Ordinal);
    }
}
