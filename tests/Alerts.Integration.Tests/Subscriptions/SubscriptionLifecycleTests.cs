using System.Net;
using Alerts.Core;
using Alerts.Core.Delivery;
using Alerts.Core.Net;
using Alerts.Core.Storage;
using Alerts.Core.Subscriptions;
using Alerts.Integration.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Alerts.Integration.Tests.Subscriptions;

/// <summary>The parts of the flows that depend on time or DNS, run in process against Azurite with a fake clock and resolver.</summary>
public sealed class SubscriptionLifecycleTests(CoreServices core) : IClassFixture<CoreServices>, IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));
    private readonly SwitchableResolver _resolver = new();
    private readonly string _outbox = Directory.CreateTempSubdirectory("alerts-lifecycle-").FullName;
    private ServiceProvider? _services;

    private ServiceProvider Services => _services ??= Build();

    [Fact]
    public async Task A_confirmation_link_expires_after_seven_days()
    {
        var address = Unique();
        await SubscribeAsync(address);
        var token = Token(address);

        _time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));

        Assert.Equal(403, (await Subscriptions.ConfirmAsync(token, CancellationToken.None)).Problem?.Status);
        Assert.Equal(SubscriberStatus.Pending, (await RowAsync(address))!.Status);
    }

    [Fact]
    public async Task A_repeated_request_resends_only_after_ten_minutes_and_the_new_link_replaces_the_old()
    {
        var address = Unique();
        await SubscribeAsync(address);
        var firstToken = Token(address);

        _time.Advance(TimeSpan.FromMinutes(9));
        await SubscribeAsync(address);
        Assert.Single(Outbox.To(_outbox, address));

        _time.Advance(TimeSpan.FromMinutes(2));
        await SubscribeAsync(address);
        Assert.Equal(2, Outbox.To(_outbox, address).Count);

        Assert.Equal(403, (await Subscriptions.ConfirmAsync(firstToken, CancellationToken.None)).Problem?.Status);
        Assert.Null((await Subscriptions.ConfirmAsync(Token(address), CancellationToken.None)).Problem);
    }

    [Fact]
    public async Task Confirming_twice_answers_the_same_and_keeps_the_digest_watermark()
    {
        var address = Unique();
        await SubscribeAsync(address);
        var token = Token(address);

        var first = await Subscriptions.ConfirmAsync(token, CancellationToken.None);
        var watermark = (await RowAsync(address))!.DigestWatermark;
        _time.Advance(TimeSpan.FromHours(1));
        var second = await Subscriptions.ConfirmAsync(token, CancellationToken.None);

        Assert.Equal(first.Value!.ManageUrl, second.Value!.ManageUrl);
        Assert.Equal(_time.GetUtcNow() - TimeSpan.FromHours(25), watermark);
        Assert.Equal(watermark, (await RowAsync(address))!.DigestWatermark);
    }

    [Fact]
    public async Task Resubscribing_after_unsubscribing_needs_a_new_opt_in_and_revokes_the_old_links()
    {
        var address = Unique();
        await SubscribeAsync(address);
        var confirmed = (await Subscriptions.ConfirmAsync(Token(address), CancellationToken.None)).Value!;
        var unsubscribeToken = Uri.UnescapeDataString(confirmed.UnsubscribeUrl.Query["?token=".Length..]);
        Assert.Null((await Services.GetRequiredService<UnsubscribeService>().UnsubscribeAsync(unsubscribeToken, CancellationToken.None)).Problem);

        _time.Advance(TimeSpan.FromMinutes(11));
        await SubscribeAsync(address);

        var row = await RowAsync(address);
        Assert.Equal((SubscriberStatus.Pending, 1), (row!.Status, row.TokenGeneration));
        Assert.Equal(2, Outbox.To(_outbox, address).Count);
        Assert.Equal(403, (await Subscriptions.GetAsync(confirmed.Subscription.Id, confirmed.ManageToken, CancellationToken.None)).Problem?.Status);
        Assert.Equal(403, (await Services.GetRequiredService<UnsubscribeService>().UnsubscribeAsync(unsubscribeToken, CancellationToken.None)).Problem?.Status);
        var again = (await Subscriptions.ConfirmAsync(Token(address), CancellationToken.None)).Value!;
        Assert.NotEqual(confirmed.ManageToken, again.ManageToken);
    }

    [Fact]
    public async Task Webhook_delivery_refuses_a_name_that_rebinds_to_loopback_after_registration()
    {
        await using var receiver = await LocalHttpServer.StartAsync();
        var url = $"https://rebind.example.com:{receiver.BaseUrl.Port}/hook";
        _resolver.Address = IPAddress.Parse("93.184.215.14");
        var created = await Webhooks.CreateAsync(new WebhookRequest(url, ["tariffs"]), "192.0.2.1", CancellationToken.None);
        Assert.Null(created.Problem);

        _resolver.Address = IPAddress.Loopback;
        var test = await Webhooks.SendTestAsync(created.Value!.Id, created.Value.ManageToken, CancellationToken.None);

        Assert.False(test.Value!.Delivered);
        Assert.Contains("127.0.0.1, a loopback address", test.Value.Error, StringComparison.Ordinal);
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task Pipeline_delivery_to_a_stored_loopback_url_is_refused_at_connect_time()
    {
        await using var receiver = await LocalHttpServer.StartAsync();
        var storage = Services.GetRequiredService<AlertsStorage>();
        var webhook = await StoredRows.AddWebhookAsync(storage, receiver.Url("hook"), WebhookSignature.NewSecret(), "tariffs");
        var item = await StoredRows.AddItemAsync(storage, $"Tariff story {Guid.NewGuid():N}", "tariffs", DateTimeOffset.UtcNow);

        var attempt = await Services.GetRequiredService<DeliverWebhookService>().DeliverAsync(
            new WebhookDeliveryMessage(WebhookDeliveryMessage.CurrentSchema, webhook.RowKey, item.PartitionKey, item.RowKey), CancellationToken.None);

        // A refusal is a failed attempt with its reason, retried on the schedule (DNS may change back).
        Assert.Equal(WebhookOutcome.Retrying, attempt.Outcome);
        Assert.Contains("127.0.0.1, a loopback address", attempt.Error, StringComparison.Ordinal);
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task The_real_resolver_finds_localhost_on_loopback_and_the_policy_refuses_it()
    {
        var policy = new WebhookAddressPolicy(new DnsHostResolver(), Microsoft.Extensions.Options.Options.Create(new AlertsOptions()));

        var (_, refusal) = await policy.ResolveAsync("localhost", CancellationToken.None);

        Assert.Contains("a loopback address", refusal, StringComparison.Ordinal);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        Directory.Delete(_outbox, recursive: true);
    }

    private SubscriptionService Subscriptions => Services.GetRequiredService<SubscriptionService>();

    private WebhookService Webhooks => Services.GetRequiredService<WebhookService>();

    private async Task SubscribeAsync(string address)
    {
        var outcome = await Subscriptions.SubscribeAsync(new SubscribeRequest(address, ["tariffs"]), "192.0.2.1", CancellationToken.None);
        Assert.Null(outcome.Problem);
    }

    private string Token(string address) => Uri.UnescapeDataString(Outbox.ConfirmLink(_outbox, address).Query["?token=".Length..]);

    private Task<SubscriberEntity?> RowAsync(string address) => SubscriberRows.EmailAsync(core.Azurite.ConnectionString, address);

    private ServiceProvider Build()
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = core.Azurite.ConnectionString,
            ["Alerts:OutboxPath"] = _outbox,
            ["Alerts:TokenKey"] = Convert.ToBase64String(new byte[32]),
            ["Alerts:PublicBaseUrl"] = "https://alerts.example.org/",
        };
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAlerts(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<IHostResolver>(_resolver);
        return services.BuildServiceProvider();
    }

    private static string Unique() => $"life-{Guid.NewGuid():N}@example.com";

    private sealed class SwitchableResolver : IHostResolver
    {
        public IPAddress Address { get; set; } = IPAddress.Loopback;

        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => Task.FromResult(new[] { Address });
    }
}
