using System.Text.Json;

namespace Alerts.Cli.Runner;

/// <summary>The parts of <c>host.json</c> the local runner honours: <c>extensions.queues</c>, with the host's defaults.</summary>
internal sealed record QueueSettings(int BatchSize, TimeSpan MaxPollingInterval, TimeSpan VisibilityTimeout, int MaxDequeueCount)
{
    public static readonly QueueSettings Defaults = new(16, TimeSpan.FromMinutes(1), TimeSpan.Zero, 5);

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
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new SettingsException($"{hostJsonPath} is not valid: {e.Message}");
        }
    }

    private static int? Int(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) ? value.GetInt32() : null;

    private static TimeSpan? Span(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) ? TimeSpan.Parse(value.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : null;
}

/// <summary>A setting or settings file the runner cannot use; reported as one line and a non-zero exit.</summary>
internal sealed class SettingsException(string message) : Exception(message);
