using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Alerts.Cli.Configuration;

/// <summary>
/// Configuration for local runs, lowest precedence first: embedded defaults, <c>local.settings.json</c> <c>Values</c>
/// (as <c>func start</c> reads them), environment variables (<c>Alerts__X__Y</c>), then explicit overrides.
/// </summary>
internal static class LocalConfiguration
{
    public const string SettingsFile = "local.settings.json";

    public static readonly IReadOnlyDictionary<string, string?> EmbeddedDefaults = new Dictionary<string, string?>
    {
        ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        ["Alerts:SeedSampleFeeds"] = "true",
        // The sample feeds are served by the runner itself on 127.0.0.1.
        ["Alerts:AllowPrivateFeedAddresses"] = "true",
        ["Alerts:SampleSubscriber"] = "you@example.com",
        ["Alerts:PollSchedule"] = "0 */5 * * * *",
        // Every minute (Azure default: every 15), so a local run shows its first digest soon after the first poll.
        ["Alerts:DigestSchedule"] = "0 * * * * *",
        ["Alerts:PruneSchedule"] = "0 30 3 * * *",
        // Spans and metrics on the console would drown the runner's own log; set it true to see them.
        ["Alerts:TelemetryConsole"] = "false",
        // Development only: links signed with this key are forgeable by anyone who reads the repo.
        ["Alerts:TokenKey"] = "ZGV2ZWxvcG1lbnQtb25seS10b2tlbi1rZXktMzItYnl0ZXMhIQ==",
    };

    public static IConfigurationRoot Build(string workingDirectory, IReadOnlyDictionary<string, string?> overrides)
    {
        var builder = new ConfigurationBuilder().AddInMemoryCollection(EmbeddedDefaults);
        if (FindSettingsFile(workingDirectory) is { } file)
        {
            builder.AddInMemoryCollection(ReadValues(file));
        }

        return builder.AddEnvironmentVariables().AddInMemoryCollection(overrides).Build();
    }

    /// <summary>The settings file in the working directory, else the Functions project's (where <c>func start</c> reads it).</summary>
    public static string? FindSettingsFile(string workingDirectory)
        => new[] { Path.Combine(workingDirectory, SettingsFile), Path.Combine(workingDirectory, "src", "Alerts.Functions", SettingsFile) }
            .FirstOrDefault(File.Exists);

    private static Dictionary<string, string?> ReadValues(string file)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!document.RootElement.TryGetProperty("Values", out var values) || values.ValueKind != JsonValueKind.Object)
            {
                return [];
            }

            // func accepts both "Alerts:X" and "Alerts__X" names in Values; the later of two spellings wins.
            var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in values.EnumerateObject())
            {
                settings[property.Name.Replace("__", ":", StringComparison.Ordinal)] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Null => null,
                    _ => property.Value.GetRawText(),
                };
            }

            return settings;
        }
        catch (JsonException e)
        {
            throw new Runner.SettingsException($"{file} is not valid JSON: {e.Message}");
        }
    }
}
