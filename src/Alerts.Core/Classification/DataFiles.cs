using System.Text.Json;

namespace Alerts.Core.Classification;

/// <summary>The classifier's JSON data files (topics, gazetteer): an embedded default that a configured file replaces.</summary>
internal static class DataFiles
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static T Embedded<T>(string fileName, Func<Stream, T> load)
    {
        using var stream = typeof(DataFiles).Assembly.GetManifestResourceStream("Alerts.Core." + fileName)
            ?? throw new InvalidOperationException($"The embedded {fileName} is missing.");
        return load(stream);
    }

    /// <summary>The file at <paramref name="path"/> when given, else the embedded default.</summary>
    public static T From<T>(string? path, string fileName, string label, Func<Stream, T> load)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return Embedded(fileName, load);
        }

        try
        {
            using var stream = File.OpenRead(path);
            return load(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{label} file {path}: {e.Message}", e);
        }
    }

    public static T? Deserialize<T>(Stream json, string fileName)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{fileName} is not valid: {e.Message}", e);
        }
    }
}
