using Microsoft.Playwright;

namespace MlopsServerless.Dashboard.Tests.Support;

/// <summary>
/// Debian's Chromium driven by Playwright through <c>ExecutablePath</c> (no browser download), headless, with a fresh
/// profile. A machine without /usr/bin/chromium fails every browser test with a message saying so; nothing passes without it.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly string _profile;

    private Chromium(IPlaywright playwright, IBrowserContext context, string profile)
    {
        _playwright = playwright;
        Context = context;
        _profile = profile;
    }

    public IBrowserContext Context { get; }

    public static async Task<Chromium> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium is missing: {ExecutablePath} does not exist, so the dashboard's browser tests cannot run. Install it with `apt-get install -y chromium` (./test.sh does).");
        }

        // The whole suite runs test projects side by side on two cores; a page may take seconds to draw.
        Assertions.SetDefaultExpectTimeout(30_000);
        var playwright = await Playwright.CreateAsync();
        var profile = Path.Combine(Path.GetTempPath(), "mlops-dashboard-chromium", Guid.NewGuid().ToString("N"));
        var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        return new Chromium(playwright, context, profile);
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be closing its profile files.
        }
    }
}
