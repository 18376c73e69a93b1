using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace Alerts.Cli.Runner;

/// <summary>Resolves <c>%Setting%</c> references in trigger attributes from configuration, as the Functions host does.</summary>
internal static partial class SettingNames
{
    public static string Resolve(string value, IConfiguration configuration)
        => Reference().Replace(value, m => configuration[m.Groups[1].Value]
            ?? throw new SettingsException($"Setting '{m.Groups[1].Value}' referenced by a trigger is not set."));

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex Reference();
}
