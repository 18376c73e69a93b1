using System.Text.Json;
using Alerts.Integration.Tests.Infrastructure;

namespace Alerts.Integration.Tests.Infra;

/// <summary>
/// What <c>infra/main.bicepparam</c> would deploy, as predicted offline by <c>bicep snapshot</c> for a fixed
/// subscription: every resource with its properties, values known only at deployment time left as ARM
/// expressions.
/// </summary>
internal sealed class DeploymentSnapshot
{
    public const string SendGridApiKey = "SG.test-only-sendgrid-key";

    // Base64 of 32 fixed bytes: long enough for Alerts:TokenKey, and recognisable if it leaks.
    public const string TokenKey = "dGVzdC1vbmx5LXRva2VuLWtleS0zMi1ieXRlcy1sb25nIQ==";

    public const string SenderAddress = "alerts@example.org";

    private static readonly Lazy<Task<DeploymentSnapshot>> Shared = new(CreateAsync);

    private readonly JsonElement _root;

    private DeploymentSnapshot(JsonElement root) => _root = root;

    public static string InfraDirectory => Path.Combine(RepoPaths.Root, "infra");

    /// <summary>The environment main.bicepparam reads, as azd or a deploying shell would set it.</summary>
    public static Dictionary<string, string?> Environment() => new()
    {
        ["AZURE_ENV_NAME"] = "test",
        ["AZURE_LOCATION"] = "swedencentral",
        ["SENDGRID_API_KEY"] = SendGridApiKey,
        ["ALERTS_TOKEN_KEY"] = TokenKey,
        ["ALERTS_SENDER_ADDRESS"] = SenderAddress,
        ["ALERTS_PUBLIC_BASE_URL"] = null,
    };

    public static Task<DeploymentSnapshot> GetAsync() => Shared.Value;

    public IEnumerable<JsonElement> Resources(string type) =>
        _root.GetProperty("predictedResources").EnumerateArray().Where(r => r.GetProperty("type").GetString() == type);

    public JsonElement Resource(string type) => Resources(type).Single();

    public Dictionary<string, string> AppSettings() =>
        Resource("Microsoft.Web/sites/config").GetProperty("properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

    public JsonElement Outputs => _root.GetProperty("outputs");

    public string Raw => _root.GetRawText();

    private static async Task<DeploymentSnapshot> CreateAsync()
    {
        // bicep snapshot writes main.snapshot.json next to the parameters file, so it runs on a copy of infra/.
        var copy = Directory.CreateTempSubdirectory("alerts-infra-");
        try
        {
            CopyInfraTo(copy.FullName);
            var result = await BicepCli.RunAsync(copy.FullName, Environment(), "snapshot", "main.bicepparam", "--subscription-id", "00000000-0000-0000-0000-000000000000");
            if (result.ExitCode != 0 || result.Error.Length > 0)
            {
                throw new InvalidOperationException("bicep snapshot failed: " + result);
            }

            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(copy.FullName, "main.snapshot.json")));
            return new DeploymentSnapshot(document.RootElement.Clone());
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    /// <summary>Copies infra/ for Bicep commands that write next to their input.</summary>
    public static void CopyInfraTo(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(InfraDirectory, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(directory, Path.GetRelativePath(InfraDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
