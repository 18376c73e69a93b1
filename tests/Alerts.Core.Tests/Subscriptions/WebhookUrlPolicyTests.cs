using System.Net;
using System.Net.Sockets;
using Alerts.Core.Net;
using Alerts.Core.Subscriptions;
using Microsoft.Extensions.Options;
using Moq;

namespace Alerts.Core.Tests.Subscriptions;

public sealed class WebhookUrlPolicyTests
{
    private readonly Mock<IHostResolver> _resolver = new(MockBehavior.Strict);

    [Theory]
    [InlineData("http://example.com/hook", "https")]
    [InlineData("ftp://example.com/hook", "https")]
    [InlineData("file:///etc/passwd", "https")]
    [InlineData("gopher://example.com:70/_", "https")]
    [InlineData("javascript:alert(1)", "https")]
    [InlineData("/relative/hook", "absolute")]
    [InlineData("https://user:pass@example.com/hook", "credentials")]
    [InlineData("https://example.com@10.0.0.1/hook", "credentials")]
    [InlineData("https://127.0.0.1/hook", "loopback")]
    [InlineData("https://[::1]/hook", "loopback")]
    [InlineData("https://169.254.169.254/latest/meta-data/", "link-local")]
    [InlineData("https://10.0.0.1/hook", "private")]
    [InlineData("https://[::ffff:127.0.0.1]/hook", "loopback")]
    [InlineData("https://[::ffff:a9fe:a9fe]/hook", "link-local")]
    [InlineData("https://[fd00::1]/hook", "unique local")]
    [InlineData("https://0.0.0.0/hook", "unspecified")]
    [InlineData("https://localhost/hook", "single-label")]
    [InlineData("https://localhost./hook", "single-label")]
    [InlineData("https://metadata/computeMetadata/v1/", "single-label")]
    [InlineData("https://app.localhost/hook", "localhost")]
    [InlineData("https://example.com/hook#fragment", "fragment")]
    [InlineData("https://exa mple.com/hook", "spaces")]
    [InlineData("https://example.com\\@10.0.0.1/", "backslashes")]
    [InlineData("", "Required")]
    public void Hostile_urls_are_refused_by_their_form(string url, string expected)
    {
        var errors = new ValidationErrors();

        Assert.Null(Policy(insecure: false).CheckForm(url, errors));
        Assert.Contains(expected, string.Join(" ", errors.ToDictionary()["url"]), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("https://2130706433/hook")]
    [InlineData("https://0x7f000001/hook")]
    [InlineData("https://0177.0.0.1/hook")]
    [InlineData("https://0x7f.0.0.1/hook")]
    [InlineData("https://127.1/hook")]
    public void Numeric_loopback_spellings_are_refused(string url)
    {
        var errors = new ValidationErrors();

        Assert.Null(Policy(insecure: false).CheckForm(url, errors));
        Assert.Contains("loopback", string.Join(" ", errors.ToDictionary()["url"]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_url_longer_than_2048_characters_is_refused()
    {
        var errors = new ValidationErrors();

        Assert.Null(Policy(insecure: false).CheckForm("https://example.com/" + new string('a', 2048), errors));
        Assert.Contains("2048", errors.ToDictionary()["url"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_resolving_to_loopback_is_refused()
    {
        _resolver.Setup(r => r.ResolveAsync("rebind.example.com", It.IsAny<CancellationToken>())).ReturnsAsync([IPAddress.Loopback]);
        var policy = Policy(insecure: false);

        var uri = policy.CheckForm("https://rebind.example.com/hook", new ValidationErrors());
        var refusal = await policy.CheckHostAsync(uri!, CancellationToken.None);

        Assert.Contains("127.0.0.1, a loopback address", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_resolving_to_a_public_and_a_private_address_is_refused()
    {
        _resolver.Setup(r => r.ResolveAsync("mixed.example.com", It.IsAny<CancellationToken>())).ReturnsAsync([IPAddress.Parse("8.8.8.8"), IPAddress.Parse("192.168.0.10")]);

        var refusal = await Policy(insecure: false).CheckHostAsync(new Uri("https://mixed.example.com/"), CancellationToken.None);

        Assert.Contains("192.168.0.10", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_is_refused()
    {
        _resolver.Setup(r => r.ResolveAsync("nowhere.example.com", It.IsAny<CancellationToken>())).ThrowsAsync(new SocketException((int)SocketError.HostNotFound));

        var refusal = await Policy(insecure: false).CheckHostAsync(new Uri("https://nowhere.example.com/"), CancellationToken.None);

        Assert.Contains("does not resolve", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_resolving_only_to_public_addresses_is_accepted()
    {
        _resolver.Setup(r => r.ResolveAsync("hooks.example.com", It.IsAny<CancellationToken>())).ReturnsAsync([IPAddress.Parse("93.184.215.14"), IPAddress.Parse("2606:2800:21f:cb07:6820:80da:af6b:8b2c")]);
        var policy = Policy(insecure: false);

        var uri = policy.CheckForm("https://hooks.example.com:8443/alerts?team=1", new ValidationErrors());

        Assert.NotNull(uri);
        Assert.Null(await policy.CheckHostAsync(uri, CancellationToken.None));
    }

    [Fact]
    public async Task Insecure_mode_allows_http_and_loopback_but_still_refuses_private_and_metadata_addresses()
    {
        var policy = Policy(insecure: true);
        var errors = new ValidationErrors();

        var loopback = policy.CheckForm("http://127.0.0.1:5000/hook", errors);
        Assert.NotNull(loopback);
        Assert.Null(await policy.CheckHostAsync(loopback, CancellationToken.None));
        Assert.Null(policy.CheckForm("http://10.0.0.1/hook", errors));
        Assert.Null(policy.CheckForm("http://169.254.169.254/", errors));
        Assert.Equal(2, errors.ToDictionary()["url"].Length);
    }

    private WebhookUrlPolicy Policy(bool insecure)
        => new(new WebhookAddressPolicy(_resolver.Object, Options.Create(new AlertsOptions { AllowInsecureWebhooks = insecure })));
}
