using Alerts.Core.Feeds;

namespace Alerts.Core.Tests.Feeds;

public class NearDuplicateTitleTests
{
    [Theory]
    [InlineData("US raises tariffs on steel to 50%", "us raises tariffs on steel to 50")]
    [InlineData("  U.S. Raises TARIFFS on steel — to 50% ", "u s raises tariffs on steel to 50")]
    [InlineData("Café owners fear new tariff rules", "cafe owners fear new tariff rules")]
    [InlineData("<b>EU</b> and China resume trade talks", "b eu b and china resume trade talks")]
    public void Titles_are_reduced_to_lower_case_words(string title, string expected)
        => Assert.Equal(expected, NearDuplicateIndex.NormalisedTitle(title));

    [Fact]
    public void Republished_variants_of_a_title_agree()
        => Assert.Equal(
            NearDuplicateIndex.NormalisedTitle("Story 3: tariff ruling on imported widgets"),
            NearDuplicateIndex.NormalisedTitle("STORY 3 — Tariff ruling on imported widgets!"));

    [Fact]
    public void Different_stories_differ()
        => Assert.NotEqual(
            NearDuplicateIndex.NormalisedTitle("US raises tariffs on steel to 50%"),
            NearDuplicateIndex.NormalisedTitle("US raises tariffs on copper to 50%"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Press release")]
    [InlineData("Daily trade update")]
    public void Generic_short_titles_are_not_indexed(string? title)
        => Assert.Null(NearDuplicateIndex.NormalisedTitle(title));
}
