using Microsoft.Playwright;

namespace Alerts.Integration.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright without `playwright install` (no browser download here). Share it
/// with <c>IClassFixture&lt;Chromium&gt;</c>; each test opens its own context so cookies never leak between tests.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    /// <summary>Overrides the browser binary; Debian's package installs it at /usr/bin/chromium.</summary>
    public const string PathVariable = "ALERTS_CHROMIUM";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var path = System.Environment.GetEnvironmentVariable(PathVariable) ?? "/usr/bin/chromium";
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Chromium not found at {path}: install the Debian package `chromium` or set {PathVariable}.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            // The network is closed: background services would only fail and slow every start.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync();
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
