using System.CommandLine;
using System.Security.Cryptography;
using Alerts.Cli.Configuration;
using Alerts.Cli.Runner;
using Alerts.Core;
using Alerts.Core.Samples;
using Alerts.Core.Scheduling;
using Alerts.Core.Status;
using Alerts.Core.Storage;
using Alerts.Core.Telemetry;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Cli.Commands;

/// <summary><c>alerts serve</c>: runs the Functions app's own function classes without the Functions host.</summary>
internal static class ServeCommand
{
    private static readonly TimeSpan StorageProbe = TimeSpan.FromSeconds(5);

    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Address to listen on.", DefaultValueFactory = _ => "http://127.0.0.1:7071" };
        var command = new Command("serve", "Run the service locally: timers, queue listeners on Azurite, HTTP under /api.") { urls };
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(urls)!, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string urls, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = Build(urls);
        }
        catch (SettingsException e)
        {
            return Fail(e.Message);
        }

        var storage = app.Services.GetRequiredService<HealthService>();
        var (healthy, error) = await storage.CheckAsync(StorageProbe, cancellationToken).ConfigureAwait(false);
        if (!healthy)
        {
            return Fail($"storage is not reachable ({error}); start Azurite or set AzureWebJobsStorage");
        }

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            return Fail($"cannot listen on {urls}: {e.Message}");
        }

        var options = app.Services.GetRequiredService<IOptions<AlertsOptions>>().Value;
        Console.Out.WriteLine($"Alerts is running at {options.PublicBaseUrl} (status: {new Uri(options.PublicBaseUrl, "api/status")}). Ctrl+C stops it.");
        await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static int Fail(string reason)
    {
        Console.Error.WriteLine($"alerts serve: {reason}");
        return ExitCodes.Failed;
    }

    private static WebApplication Build(string urls)
    {
        var firstUrl = urls.Split(';', StringSplitOptions.RemoveEmptyEntries)[0];
        if (!Uri.TryCreate(firstUrl, UriKind.Absolute, out var listenUri))
        {
            throw new SettingsException($"--urls '{urls}' is not an absolute URL.");
        }

        var configuration = LocalConfiguration.Build(Directory.GetCurrentDirectory(), new Dictionary<string, string?>());
        var overrides = new Dictionary<string, string?>();
        if (string.IsNullOrWhiteSpace(configuration["Alerts:PublicBaseUrl"]))
        {
            overrides["Alerts:PublicBaseUrl"] = listenUri.GetLeftPart(UriPartial.Authority) + "/";
        }

        if (string.IsNullOrWhiteSpace(configuration["Alerts:AdminKey"]))
        {
            overrides["Alerts:AdminKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
            Console.Out.WriteLine($"Alerts:AdminKey is not set; this run's admin key is {overrides["Alerts:AdminKey"]}");
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(configuration);
        builder.Configuration.AddInMemoryCollection(overrides);
        builder.WebHost.UseUrls(urls);
        builder.Logging.ClearProviders().AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
            o.IncludeScopes = false;
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning).AddFilter("System.Net.Http", LogLevel.Warning).AddFilter("Azure", LogLevel.Error)
            .AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None).AddFilter("Polly", LogLevel.Warning);

        builder.Services.AddAlerts(builder.Configuration);
        builder.Services.AddAlertsTelemetry(builder.Configuration);
        builder.Services.AddMvcCore();
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<FunctionInvoker>();

        var options = Validate(builder.Configuration);
        var functions = FunctionCatalog.Discover(typeof(Functions.Functions.Health).Assembly);
        var timers = functions.Where(f => f.Timer is not null)
            .Select(f => (Function: f, Schedule: ParseSchedule(f, builder.Configuration)))
            .ToList();
        var queueSettings = QueueSettings.Load(Path.Combine(AppContext.BaseDirectory, "host.json"), builder.Configuration);

        builder.Services.AddAzureClients(clients => clients
            .AddQueueServiceClient(builder.Configuration.GetSection(AlertsServiceCollectionExtensions.StorageSetting))
            .WithName(RunnerQueues)
            .ConfigureOptions(o => o.MessageEncoding = QueueMessageEncoding.None));
        builder.Services.AddSingleton(provider => ActivatorUtilities.CreateInstance<TimerHost>(provider, timers));
        builder.Services.AddHostedService(provider => provider.GetRequiredService<TimerHost>());
        builder.Services.AddHostedService(provider => ActivatorUtilities.CreateInstance<QueueHost>(
            provider,
            functions.Where(f => f.Queue is not null).ToList(),
            new AlertsStorage(provider.GetRequiredService<TableServiceClient>(), provider.GetRequiredService<IAzureClientFactory<QueueServiceClient>>().CreateClient(RunnerQueues)),
            queueSettings));

        var app = builder.Build();
        var keys = new KeyAuthorization(options.AdminKey!);
        var invoker = app.Services.GetRequiredService<FunctionInvoker>();
        app.UseExceptionHandler();
        HttpEndpoints.Map(app, functions.Where(f => f.Http is not null), keys, invoker);

        // The web page lives under /api like every function; a person typing the bare address should land on it.
        app.MapGet("/", () => Results.Redirect("/api/ui"));
        AdminEndpoints.Map(
            app,
            functions.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase),
            timers.ToDictionary(t => t.Function.Name, t => t.Schedule, StringComparer.OrdinalIgnoreCase),
            keys,
            invoker,
            app.Services.GetRequiredService<TimerHost>());
        MapSamples(app, options);
        return app;
    }

    private const string RunnerQueues = "runner";

    private static AlertsOptions Validate(IConfiguration configuration)
    {
        try
        {
            var options = new AlertsOptions();
            configuration.GetSection(AlertsOptions.SectionName).Bind(options);
            return options;
        }
        catch (InvalidOperationException e)
        {
            throw new SettingsException($"a setting under Alerts: is malformed: {e.InnerException?.Message ?? e.Message}");
        }
    }

    private static TimerSchedule ParseSchedule(FunctionDescriptor function, IConfiguration configuration)
    {
        var text = SettingNames.Resolve(function.Timer!.Schedule, configuration);
        return TimerSchedule.TryParse(text, out var schedule, out var error)
            ? schedule!
            : throw new SettingsException($"the schedule of {function.Name} ({function.Timer.Schedule}): {error}");
    }

    private static void MapSamples(WebApplication app, AlertsOptions options)
    {
        if (!Directory.Exists(options.SampleFeedsPath))
        {
            return;
        }

        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".atom"] = "application/atom+xml";
        types.Mappings[".xml"] = "application/rss+xml";
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.GetFullPath(options.SampleFeedsPath)),
            RequestPath = SampleSeeder.UrlPath.TrimEnd('/'),
            ContentTypeProvider = types,
        });
    }
}
