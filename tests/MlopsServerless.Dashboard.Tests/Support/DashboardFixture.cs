namespace MlopsServerless.Dashboard.Tests.Support;

/// <summary>One trained server for every test of the collection; the browser starts on first use (the API tests need none).</summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Chromium? _chromium;

    public DemoServer Server { get; } = new();

    public async Task<Chromium> ChromiumAsync()
    {
        await _gate.WaitAsync();
        try
        {
            return _chromium ??= await Chromium.LaunchAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task InitializeAsync() => Server.InitializeAsync();

    public async Task DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        await Server.DisposeAsync();
        _gate.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}
