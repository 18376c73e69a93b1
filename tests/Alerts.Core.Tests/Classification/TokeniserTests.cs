using Alerts.Core.Classification;

namespace Alerts.Core.Tests.Classification;

public class TokeniserTests
{
    private static (Tokeniser Tokeniser, Vocabulary Vocabulary) Create()
    {
        var vocabulary = new Vocabulary();
        return (new Tokeniser(vocabulary, new Dictionary<string, string> { ["license"] = "licence" }), vocabulary);
    }

    private static int[] Ids(string text)
    {
        var (tokeniser, _) = Create();
        return tokeniser.Learn(text);
    }

    [Theory]
    [InlineData("tariff", "tariffs")]
    [InlineData("tariff", "tariffed")]
    [InlineData("duty", "duties")]
    [InlineData("negotiate", "negotiating")]
    [InlineData("negotiate", "negotiated")]
    [InlineData("curb", "curbs")]
    [InlineData("ban", "banned")]
    [InlineData("control", "controlled")]
    [InlineData("licence", "licenses")]
    [InlineData("licence", "licensing")]
    [InlineData("rare earth", "Rare-Earths")]
    [InlineData("Sefcovic", "Šefčovič")]
    [InlineData("China", "China's")]
    [InlineData("China", "China\u2019s")]
    [InlineData("US", "U.S.")]
    [InlineData("agree", "agreed")]
    [InlineData("agree", "agreeing")]
    [InlineData("agree", "agrees")]
    [InlineData("guarantee", "guaranteed")]
    [InlineData("add", "added")]
    [InlineData("add", "adding")]
    [InlineData("tie", "tied")]
    [InlineData("need", "needed")]
    [InlineData("exceed", "exceeded")]
    [InlineData("exceed", "exceeds")]
    public void Variants_normalise_to_the_same_tokens(string a, string b)
    {
        var (tokeniser, _) = Create();

        Assert.Equal(tokeniser.Learn(a), tokeniser.Learn(b));
    }

    [Fact]
    public void Distinct_words_stay_distinct()
    {
        var (tokeniser, _) = Create();

        Assert.NotEqual(tokeniser.Learn("news"), tokeniser.Learn("new"));
        Assert.NotEqual(tokeniser.Learn("call"), tokeniser.Learn("cal"));
        Assert.NotEqual(tokeniser.Learn("export"), tokeniser.Learn("exporter"));
        Assert.NotEqual(tokeniser.Learn("accord"), tokeniser.Learn("according"));
        Assert.NotEqual(tokeniser.Learn("even"), tokeniser.Learn("evening"));
        Assert.NotEqual(tokeniser.Learn("need"), tokeniser.Learn("ne"));
        Assert.NotEqual(tokeniser.Learn("speed"), tokeniser.Learn("spe"));
    }

    [Fact]
    public void Tokens_carry_offsets_into_the_text_and_unknown_words_get_no_id()
    {
        var (tokeniser, _) = Create();
        tokeniser.Learn("tariff");
        var tokens = new List<Token>();

        tokeniser.Tokenise("New U.S. tariffs, ok", tokens);

        Assert.Equal([(0, 3), (4, 8), (9, 16), (18, 20)], tokens.Select(t => (t.Start, t.End)));
        Assert.Equal(Vocabulary.Unknown, tokens[0].Id);
        Assert.Equal(tokeniser.Learn("tariff")[0], tokens[2].Id);
    }

    [Fact]
    public void The_pronoun_us_is_not_the_country()
    {
        var (tokeniser, _) = Create();
        var country = tokeniser.Learn("US")[0];
        var tokens = new List<Token>();

        tokeniser.Tokenise("Tell us about US duties", tokens);

        Assert.Equal(Vocabulary.Unknown, tokens[1].Id);
        Assert.Equal(country, tokens[3].Id);
    }

    [Fact]
    public void Numbers_become_percentages_amounts_or_numbers_unless_a_rule_names_them()
    {
        var (tokeniser, _) = Create();
        tokeniser.Learn("section 232");
        var tokens = new List<Token>();
        const string text = "25% and 10 percent on $200 billion under Section 232 in 2025";

        tokeniser.Tokenise(text, tokens);

        Assert.Equal(Vocabulary.Percent, tokens[0].Id);
        Assert.Equal("25%", text[tokens[0].Start..tokens[0].End]);
        Assert.Equal(Vocabulary.Percent, tokens[2].Id);
        Assert.Equal("10 percent", text[tokens[2].Start..tokens[2].End]);
        Assert.Equal(Vocabulary.Money, tokens[4].Id);
        Assert.Equal("$200 billion", text[tokens[4].Start..tokens[4].End]);
        Assert.NotEqual(Vocabulary.Number, tokens[7].Id);
        Assert.Equal(Vocabulary.Number, tokens[^1].Id);
    }

    [Fact]
    public void Learning_a_phrase_without_words_yields_nothing()
        => Assert.Empty(Ids("--- ..."));
}
