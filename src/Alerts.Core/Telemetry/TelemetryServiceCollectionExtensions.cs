using Alerts.Core.Status;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Alerts.Core.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Application Insights' own setting name, as the Functions host and the Azure Monitor exporter read it.</summary>
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>Console export without Application Insights; the local runner turns it off, as it drowns the runner's own log.</summary>
    public const string ConsoleSetting = "Alerts:TelemetryConsole";

    /// <summary>
    /// OpenTelemetry traces and metrics of the <c>Alerts</c> source and meter plus outgoing HTTP other than
    /// storage calls (see <see cref="IsStorageCall"/>): to Application
    /// Insights (traces, metrics and logs) when <see cref="ConnectionStringSetting"/> is set, else to the console.
    /// </summary>
    public static IOpenTelemetryBuilder AddAlertsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(AlertsTelemetry.Name, serviceVersion: StatusService.Version))
            .WithTracing(tracing => tracing.AddSource(AlertsTelemetry.Name).AddHttpClientInstrumentation(o => o.FilterHttpRequestMessage = request => !IsStorageCall(request)))
            .WithMetrics(metrics => metrics.AddMeter(AlertsTelemetry.Name).AddHttpClientInstrumentation());
        if (string.IsNullOrWhiteSpace(configuration[ConnectionStringSetting]))
        {
            if (!configuration.GetValue(ConsoleSetting, defaultValue: true))
            {
                return telemetry;
            }

            telemetry.WithTracing(tracing => tracing.AddConsoleExporter()).WithMetrics(metrics => metrics.AddConsoleExporter());
        }
        else
        {
            telemetry.UseAzureMonitorExporter(o => o.ConnectionString = configuration[ConnectionStringSetting]);
        }

        return telemetry;
    }

    /// <summary>
    /// Azure SDK requests (they carry a client request id): queue listeners poll storage every few seconds, and a
    /// span per poll would drown the feed fetches and webhook pushes the spans are for.
    /// </summary>
    internal static bool IsStorageCall(HttpRequestMessage request) => request.Headers.Contains("x-ms-client-request-id");
}
