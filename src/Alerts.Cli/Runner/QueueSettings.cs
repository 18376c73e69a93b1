using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Alerts.Cli.Runner;

/// <summary>
/// The parts of <c>host.json</c> the local runner honours: <c>extensions.queues</c>, with the host's defaults, and
/// like the host, overridable by settings named <c>AzureFunctionsJobHost__extensions__queues__*</c>.
/// </summary>
internal sealed record QueueSettings(int BatchSize, TimeSpan MaxPollingInterval, TimeSpan VisibilityTimeout, int MaxDequeueCount)
{
    public static readonly QueueSettings Defaults = new(16, TimeSpan.FromMinutes(1), TimeSpan.Zero, 5);

    public const string OverrideSection = "AzureFunctionsJobHost:extensions:queues";

    public static QueueSettings Load(string hostJsonPath, IConfiguration configuration)
    {
        var fromFile = Load(hostJsonPath);
        var overrides = configuration.GetSection(OverrideSection);
        try
        {
            return new QueueSettings(
                overrides["batchSize"] is { } batch ? int.Parse(batch, CultureInfo.InvariantCulture) : fromFile.BatchSize,
                overrides["maxPollingInterval"] is { } polling ? TimeSpan.Parse(polling, CultureInfo.InvariantCulture) : fromFile.MaxPollingInterval,
                overrides["visibilityTimeout"] is { } visibility ? TimeSpan.Parse(visibility, CultureInfo.InvariantCulture) : fromFile.VisibilityTimeout,
                overrides["maxDequeueCount"] is { } dequeue ? int.Parse(dequeue, CultureInfo.InvariantCulture) : fromFile.MaxDequeueCount);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new SettingsException($"a setting under {OverrideSection.Replace(":", "__", StringComparison.Ordinal)} is malformed: {e.Message}");
        }
    }

    public static QueueSettings Load(string hostJsonPath)
    {
        if (!File.Exists(hostJsonPath))
        {
            return Defaults;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(hostJsonPath), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            if (!document.RootElement.TryGetProperty("extensions", out var extensions) || !extensions.TryGetProperty("queues", out var queues))
            {
                return Defaults;
            }

            return new QueueSettings(
                Int(queues, "batchSize") ?? Defaults.BatchSize,
                Span(queues, "maxPollingInterval") ?? Defaults.MaxPollingInterval,
                Span(queues, "visibilityTimeout") ?? Defaults.VisibilityTimeout,
                Int(queues, "maxDequeueCount") ?? Defaults.MaxDequeueCount);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException or OverflowException)
        {
            throw new SettingsException($"{hostJsonPath} is not valid: {e.Message}");
        }
    }

    private static int? Int(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) ? value.GetInt32() : null;

    private static TimeSpan? Span(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) ? TimeSpan.Parse(value.GetString()!, CultureInfo.InvariantCulture) : null;
}
