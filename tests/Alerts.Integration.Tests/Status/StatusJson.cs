using System.Text.Json;

namespace Alerts.Integration.Tests.Status;

/// <summary>Reads a status response by the dotted paths the status page writes in its <c>data-field</c> attributes.</summary>
internal static class StatusJson
{
    public static string At(JsonElement status, string path)
    {
        var element = status;
        foreach (var segment in path.Split('.'))
        {
            element = element.ValueKind == JsonValueKind.Array
                ? element[int.Parse(segment, System.Globalization.CultureInfo.InvariantCulture)]
                : element.GetProperty(segment);
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
    }

    /// <summary>The report without its build time, to tell whether two reads saw the same state.</summary>
    public static string WithoutCheckedAt(JsonElement status)
        => string.Join(',', status.EnumerateObject().Where(p => p.Name != "checkedAt").Select(p => p.Name + "=" + p.Value.GetRawText()));

    public static long ClassifiedItems(JsonElement status)
        => status.GetProperty("items24h").EnumerateObject().Sum(p => p.Value.GetInt64());
}
