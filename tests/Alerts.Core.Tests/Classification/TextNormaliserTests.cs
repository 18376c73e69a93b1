using System.Text;
using Alerts.Core.Classification;

namespace Alerts.Core.Tests.Classification;

public class TextNormaliserTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("<p>EU &ndash; Mercosur</p>", "EU \u2013 Mercosur")]
    [InlineData("Bessent calls it &#39;China versus the world&#39;", "Bessent calls it 'China versus the world'")]
    [InlineData("a<br/>b", "a b")]
    [InlineData("x<script>alert('tariff')</script>y", "x y")]
    [InlineData("<style>p{}</style>Tariffs", "Tariffs")]
    [InlineData("broken <tag without end", "broken <tag without end")]
    [InlineData(null, "")]
    public void Html_is_stripped_and_entities_decoded(string? input, string expected)
        => Assert.Equal(expected, TextNormaliser.Clean(input));

    [Fact]
    public void Text_is_returned_in_composed_form()
    {
        var decomposed = "S\u030Cefc\u030Covic\u030C";

        var clean = TextNormaliser.Clean(decomposed);

        Assert.Equal("Šefčovič", clean);
        Assert.True(clean.IsNormalized(NormalizationForm.FormC));
    }
}
