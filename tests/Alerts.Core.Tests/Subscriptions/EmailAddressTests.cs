using System.Text;
using Alerts.Core.Subscriptions;

namespace Alerts.Core.Tests.Subscriptions;

public class EmailAddressTests
{
    [Theory]
    [InlineData("reader@example.org", "reader@example.org")]
    [InlineData("  reader@example.org\t", "reader@example.org")]
    [InlineData("reader@example.org\r\n", "reader@example.org")]
    [InlineData("Reader.Name@EXAMPLE.Org", "Reader.Name@example.org")]
    [InlineData("First.Last+Tag@Sub.Example.CO.UK", "First.Last+Tag@sub.example.co.uk")]
    public void Accepts_and_lower_cases_only_the_domain(string input, string expected)
    {
        Assert.True(EmailAddress.TryNormalise(input, out var normalised, out var error));
        Assert.Equal(expected, normalised);
        Assert.Equal("", error);
    }

    [Theory]
    [InlineData("reader@example.org\r\nBcc: evil@example.com")]
    [InlineData("reader@example.org\nBcc: evil@example.com")]
    [InlineData("reader@example.org\rBcc: evil@example.com")]
    [InlineData("reader@exa\r\nmple.org")]
    [InlineData("reader\n@example.org")]
    [InlineData("a@example.org,b@example.org")]
    [InlineData("a@example.org;b@example.org")]
    [InlineData("A <a@b.c>")]
    [InlineData("<a@b.c>")]
    [InlineData("\"A\" a@b.c")]
    [InlineData("first last@example.org")]
    public void Rejects_header_injection_lists_and_display_names(string input)
    {
        Assert.False(EmailAddress.TryNormalise(input, out var normalised, out var error));
        Assert.Equal("", normalised);
        Assert.NotEqual("", error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("reader.example.org")]
    [InlineData("@example.org")]
    [InlineData("reader@")]
    [InlineData("reader@@example.org")]
    public void Rejects_empty_and_malformed_addresses(string? input)
    {
        Assert.False(EmailAddress.TryNormalise(input, out var normalised, out var error));
        Assert.Equal("", normalised);
        Assert.NotEqual("", error);
    }

    [Fact]
    public void Accepts_a_local_part_of_64_characters_and_rejects_65()
    {
        var ok = new string('a', 64) + "@example.org";
        var tooLong = new string('a', 65) + "@example.org";

        Assert.True(EmailAddress.TryNormalise(ok, out var normalised, out _));
        Assert.Equal(ok, normalised);
        Assert.False(EmailAddress.TryNormalise(tooLong, out _, out var error));
        Assert.NotEqual("", error);
    }

    [Fact]
    public void Accepts_254_characters_and_rejects_255()
    {
        var at254 = Address(254);
        var at255 = Address(255);
        Assert.Equal(254, at254.Length);
        Assert.Equal(255, at255.Length);

        Assert.True(EmailAddress.TryNormalise(at254, out var normalised, out _));
        Assert.Equal(at254, normalised);
        Assert.False(EmailAddress.TryNormalise(at255, out _, out var error));
        Assert.Contains("254", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Length_is_checked_after_trimming()
    {
        var at254 = Address(254);

        Assert.True(EmailAddress.TryNormalise("   " + at254 + "   ", out var normalised, out _));
        Assert.Equal(at254, normalised);
    }

    /// <summary>An address of exactly <paramref name="length"/> characters: <c>reader@</c>, labels of 49 characters, <c>.org</c>.</summary>
    private static string Address(int length)
    {
        var domainLength = length - "reader@".Length - ".org".Length;
        var domain = new StringBuilder();
        while (domainLength - domain.Length > 50)
        {
            domain.Append('d', 49).Append('.');
        }

        domain.Append('d', domainLength - domain.Length);
        return "reader@" + domain + ".org";
    }
}
