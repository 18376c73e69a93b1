using Alerts.Core.Classification;
using Alerts.Core.Delivery;
using Alerts.Core.Feeds;
using Alerts.Core.Net;
using Alerts.Core.Samples;
using Alerts.Core.Status;
using Alerts.Core.Storage;
using Alerts.Core.Subscriptions;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SendGrid;

namespace Alerts.Core;

public static class AlertsServiceCollectionExtensions
{
    /// <summary>The storage setting used by the Functions host and by the app: a connection string or an identity-based section.</summary>
    public const string StorageSetting = "AzureWebJobsStorage";

    /// <summary>Names the service and where it runs, so publishers know who polls them.</summary>
    public static string UserAgent(AlertsOptions options) => $"Alerts/{StatusService.Version} (+{options.PublicBaseUrl})";

    /// <summary>Everything the Functions app and the local runner share: one registration, called by both.</summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AlertsOptions>().Bind(configuration.GetSection(AlertsOptions.SectionName));
        services.AddSingleton(TimeProvider.System);

        var storage = configuration.GetSection(StorageSetting);
        services.AddAzureClients(clients =>
        {
            clients.AddTableServiceClient(storage);
            clients.AddQueueServiceClient(storage).ConfigureOptions(o => o.MessageEncoding = QueueMessageEncoding.Base64);
        });
        services.AddSingleton<AlertsStorage>();

        services.AddHttpClient(FeedFetcher.ClientName, (provider, client) =>
        {
            client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent(provider.GetRequiredService<IOptions<AlertsOptions>>().Value));
        }).ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
        {
            AutomaticDecompression = System.Net.DecompressionMethods.All,
            // FeedFetcher follows redirects itself: permanent ones update the stored URL.
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectCallback = provider.GetRequiredService<IOptions<AlertsOptions>>().Value.AllowPrivateFeedAddresses ? null : FeedAddressGuard.ConnectPublicOnlyAsync,
        }).AddResilienceHandler(FeedFetcher.ClientName, FeedResilience.Configure);
        services.AddHttpClient(DeliverWebhookService.ClientName, (provider, client) =>
        {
            client.Timeout = TimeSpan.FromSeconds(15);
            client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent(provider.GetRequiredService<IOptions<AlertsOptions>>().Value));
        }).ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
        {
            AllowAutoRedirect = false,

            // A proxy would make the guard check the proxy's address instead of the receiver's.
            UseProxy = false,
            ConnectCallback = provider.GetRequiredService<WebhookConnectGuard>().ConnectAsync,
        });
        services.TryAddSingleton<IHostResolver, DnsHostResolver>();
        services.AddSingleton<WebhookAddressPolicy>();
        services.AddSingleton<WebhookConnectGuard>();

        services.AddHttpClient(SendGridEmailSender.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler(SendGridEmailSender.ClientName, (builder, context) => SendGridRetry.Configure(
                builder,
                context.ServiceProvider.GetRequiredService<IOptions<AlertsOptions>>().Value.SendGrid,
                context.ServiceProvider.GetRequiredService<TimeProvider>()));

        services.AddSingleton<FeedStore>();
        services.AddSingleton<FeedFetcher>();
        services.AddSingleton<NearDuplicateIndex>();
        services.AddSingleton<DefaultFeeds>();
        services.AddSingleton<FeedManagement>();
        services.AddSingleton<SampleSeeder>();
        services.AddSingleton<PollFeedsService>();

        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<AlertsOptions>>().Value;
            return TopicClassifier.Configured(options);
        });
        services.AddSingleton<ClassifyItemService>();

        services.AddSingleton<SubscriberStore>();
        services.AddSingleton(provider => new SubscriberTokens(TokenKey(provider.GetRequiredService<IOptions<AlertsOptions>>().Value)));
        services.AddSingleton<SubscriptionPreferences>();
        services.AddSingleton<SubscriptionLinks>();
        services.AddSingleton<ConfirmationEmail>();
        services.AddSingleton<AbuseLimits>();
        services.AddSingleton<WebhookUrlPolicy>();
        services.AddSingleton<SubscriptionService>();
        services.AddSingleton<UnsubscribeService>();
        services.AddSingleton<WebhookService>();
        services.AddSingleton<SubscriberLinks>();
        services.AddSingleton<DigestItems>();
        services.AddSingleton<SendDigestsService>();
        services.AddSingleton<SendDigestService>();
        services.AddSingleton<DeliverWebhookService>();
        services.AddSingleton<AlertsService>();
        services.AddSingleton<IEmailSender>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<AlertsOptions>>().Value.SendGrid;
            if (string.IsNullOrWhiteSpace(options.ApiKey))
            {
                return ActivatorUtilities.CreateInstance<FileOutboxSender>(provider);
            }

            var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(SendGridEmailSender.ClientName);
            var client = new SendGridClient(http, new SendGridClientOptions { ApiKey = options.ApiKey, Host = string.IsNullOrWhiteSpace(options.Host) ? "https://api.sendgrid.com" : options.Host });
            return ActivatorUtilities.CreateInstance<SendGridEmailSender>(provider, client);
        });

        services.AddSingleton<RunLog>();
        services.AddSingleton<Counters>();
        services.AddSingleton<HealthService>();
        services.AddSingleton<SubscriberCounts>();
        services.AddSingleton<StatusService>();
        services.AddSingleton<IStatusBuilder>(provider => provider.GetRequiredService<StatusService>());
        services.AddSingleton<StatusCache>();
        services.AddSingleton<RetentionService>();
        return services;
    }

    private static byte[] TokenKey(AlertsOptions options)
    {
        try
        {
            var key = Convert.FromBase64String(options.TokenKey ?? "");
            if (key.Length >= 32)
            {
                return key;
            }
        }
        catch (FormatException)
        {
        }

        throw new InvalidOperationException("Alerts:TokenKey must be set to base64 of at least 32 random bytes (e.g. `openssl rand -base64 32`).");
    }
}
