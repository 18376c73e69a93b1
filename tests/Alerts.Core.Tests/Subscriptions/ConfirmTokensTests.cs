using Alerts.Core.Subscriptions;

namespace Alerts.Core.Tests.Subscriptions;

public sealed class ConfirmTokensTests
{
    private const string Id = "0123456789abcdef0123456789abcdef";

    [Fact]
    public void A_token_names_its_subscriber_and_matches_only_its_own_hash()
    {
        var token = ConfirmTokens.Create(Id);
        var other = ConfirmTokens.Create(Id);

        Assert.Equal(Id, SubscriberIds.FromToken(token));
        Assert.True(ConfirmTokens.Matches(token, ConfirmTokens.Hash(token)));
        Assert.False(ConfirmTokens.Matches(other, ConfirmTokens.Hash(token)));
        Assert.False(ConfirmTokens.Matches(token, null));
    }

    [Fact]
    public void The_stored_hash_is_sha256_hex_and_not_the_token()
    {
        var token = ConfirmTokens.Create(Id);
        var hash = ConfirmTokens.Hash(token);

        Assert.Equal(64, hash.Length);
        Assert.DoesNotContain(token.Split('.')[1], hash, StringComparison.Ordinal);
    }

    [Fact]
    public void Tokens_carry_32_random_bytes()
    {
        var secret = ConfirmTokens.Create(Id).Split('.')[1];

        Assert.Equal(43, secret.Length);
        Assert.DoesNotContain('+', secret);
        Assert.DoesNotContain('/', secret);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-dot")]
    [InlineData("../../etc.passwd")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF.x")]
    [InlineData("0123456789abcdef0123456789abcde.x")]
    public void Ids_that_could_not_be_table_keys_are_refused(string? token)
        => Assert.Null(SubscriberIds.FromToken(token));
}
