using Microsoft.Playwright;

namespace MlopsServerless.Dashboard.Tests.Support;

/// <summary>One browser tab on the dashboard: signs in, opens pages, writes screenshots and collects console errors.</summary>
public sealed class DashboardPage : IAsyncDisposable
{
    private readonly List<string> _errors = [];
    private readonly Uri _address;

    private DashboardPage(IPage page, Uri address)
    {
        Page = page;
        _address = address;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_errors)
                {
                    _errors.Add($"console: {message.Text}");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_errors)
            {
                _errors.Add($"uncaught: {error}");
            }
        };
    }

    public IPage Page { get; }

    public ILocator View => Page.Locator("#view");

    public IReadOnlyList<string> Errors
    {
        get { lock (_errors) { return [.. _errors]; } }
    }

    public static async Task<DashboardPage> OpenAsync(DashboardFixture fixture, int width = 1280, int height = 800)
    {
        var chromium = await fixture.ChromiumAsync();
        var page = await chromium.Context.NewPageAsync();
        await page.SetViewportSizeAsync(width, height);
        var dashboard = new DashboardPage(page, fixture.Server.Address);
        await page.GotoAsync(fixture.Server.Address.ToString());
        return dashboard;
    }

    /// <summary>A tab signed in with the server's key, showing <c>#/{route}</c>.</summary>
    public static async Task<DashboardPage> SignedInAsync(DashboardFixture fixture, string route)
    {
        var tab = await OpenAsync(fixture);
        await tab.SignInAsync(fixture.Server.Key);
        await tab.GoAsync(route);
        return tab;
    }

    public async Task SignInAsync(string key)
    {
        await Page.Locator("#api-key").FillAsync(key);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Opens <c>#/{route}</c> and waits until the page has drawn its heading.</summary>
    public async Task GoAsync(string route)
    {
        await Page.GotoAsync(new Uri(_address, "/#/" + route).ToString());
        await Assertions.Expect(Page.Locator("#view > div > h1")).ToBeVisibleAsync();
    }

    /// <summary>A full-page screenshot in the repository's obj/screenshots/ (gitignored), for a person to look at.</summary>
    public async Task ScreenshotAsync(string name)
    {
        var directory = Path.Combine(RepositoryRoot(), "obj", "screenshots");
        Directory.CreateDirectory(directory);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = true });
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MlopsServerless.sln")))
            {
                return dir.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }

    public async ValueTask DisposeAsync() => await Page.CloseAsync();
}
