using Alerts.Core;
using Alerts.Core.Telemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddAlerts(builder.Configuration);
builder.Services.AddAlertsTelemetry(builder.Configuration).UseFunctionsWorkerDefaults();
builder.Build().Run();
