using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alerts.Core.Subscriptions;

/// <summary>Reads a JSON request body strictly: bounded size, no unknown or duplicate fields, type errors reported per field.</summary>
public static class RequestBody
{
    public const int MaxBytes = 16 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        MaxDepth = 8,
    };

    public static async Task<ApiOutcome<T>> ReadJsonAsync<T>(Stream body, string? contentType, CancellationToken cancellationToken)
        where T : class
    {
        if (contentType is null || !IsJson(contentType))
        {
            return ApiProblem.UnsupportedMediaType("application/json");
        }

        var bytes = await ReadBoundedAsync(body, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return ApiProblem.TooLarge(MaxBytes);
        }

        try
        {
            return JsonSerializer.Deserialize<T>(bytes, Json) is { } value
                ? value
                : ApiProblem.BadRequest("$", "The body must be a JSON object.");
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "$" : e.Path.TrimStart('$', '.');
            return ApiProblem.BadRequest(field, Describe(e));
        }
    }

    /// <summary>The body, or null when it is longer than <see cref="MaxBytes"/>; reads at most one byte past the limit.</summary>
    public static async Task<byte[]?> ReadBoundedAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
        {
            length += read;
        }

        return length > MaxBytes ? null : buffer[..length];
    }

    private static bool IsJson(string contentType)
    {
        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    // The serializer's messages name .NET types; callers only need to know what JSON was expected.
    private static string Describe(JsonException e)
        => e.Message.Contains("could not be mapped", StringComparison.Ordinal) ? "Unknown field."
            : e.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase) ? "A field appears twice."
            : e.LineNumber is null && e.Path is null ? "The body is not valid JSON."
            : "The value has the wrong type or is not valid JSON here.";
}
