using System.Security.Cryptography;
using System.Text;
using Alerts.Core.Delivery;

namespace Alerts.Core.Tests.Delivery;

public class WebhookSignatureTests
{
    // 32 bytes 0x00..0x1f, base64.
    private static readonly byte[] KeyBytes = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
    private static readonly string Secret = "whsec_" + Convert.ToBase64String(KeyBytes);

    private const string Id = "msg_2mYb1bYl2vN0";
    private const long Timestamp = 1761384600;
    private const string Body = """{"type":"alert.created","data":{"title":"Tariffs rise ✓"}}""";

    private static string Expected(byte[] key, string id, long timestamp, string body)
        => "v1," + Convert.ToBase64String(new HMACSHA256(key).ComputeHash(Encoding.UTF8.GetBytes(id + "." + timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + body)));

    [Fact]
    public void Sign_matches_an_independent_hmac_of_id_timestamp_and_body()
    {
        var signature = WebhookSignature.Sign(Secret, Id, Timestamp, Body);

        Assert.StartsWith("v1,", signature, StringComparison.Ordinal);
        Assert.Equal(Expected(KeyBytes, Id, Timestamp, Body), signature);
        Assert.Equal(32, Convert.FromBase64String(signature["v1,".Length..]).Length);
    }

    [Fact]
    public void Sign_is_deterministic()
        => Assert.Equal(WebhookSignature.Sign(Secret, Id, Timestamp, Body), WebhookSignature.Sign(Secret, Id, Timestamp, Body));

    [Fact]
    public void Sign_changes_with_each_input()
    {
        var signature = WebhookSignature.Sign(Secret, Id, Timestamp, Body);

        Assert.NotEqual(signature, WebhookSignature.Sign(Secret, Id + "x", Timestamp, Body));
        Assert.NotEqual(signature, WebhookSignature.Sign(Secret, Id, Timestamp + 1, Body));
        Assert.NotEqual(signature, WebhookSignature.Sign(Secret, Id, Timestamp, Body + " "));
        Assert.NotEqual(signature, WebhookSignature.Sign(WebhookSignature.NewSecret(), Id, Timestamp, Body));
    }

    [Fact]
    public void Sign_uses_the_decoded_key_not_the_secret_text()
    {
        var signature = WebhookSignature.Sign(Secret, Id, Timestamp, Body);

        Assert.NotEqual(Expected(Encoding.UTF8.GetBytes(Secret), Id, Timestamp, Body), signature);
    }

    [Fact]
    public void Sign_accepts_a_secret_without_the_prefix()
        => Assert.Equal(
            WebhookSignature.Sign(Secret, Id, Timestamp, Body),
            WebhookSignature.Sign(Convert.ToBase64String(KeyBytes), Id, Timestamp, Body));

    [Fact]
    public void NewSecret_is_prefixed_base64_of_32_random_bytes()
    {
        var a = WebhookSignature.NewSecret();
        var b = WebhookSignature.NewSecret();

        Assert.StartsWith("whsec_", a, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(a["whsec_".Length..]).Length);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void NewSecret_can_sign()
    {
        var secret = WebhookSignature.NewSecret();
        var key = Convert.FromBase64String(secret[WebhookSignature.SecretPrefix.Length..]);

        Assert.Equal(Expected(key, Id, Timestamp, Body), WebhookSignature.Sign(secret, Id, Timestamp, Body));
    }
}
