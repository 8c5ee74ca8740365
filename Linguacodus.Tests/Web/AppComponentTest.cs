namespace Linguacodus.Tests.Web;

/// <summary>A component test over the web app's real services (<see cref="AppServices"/>), set up and removed per test.</summary>
public abstract class AppComponentTest : ComponentTest
{
    private AppServices? _app;

    private protected AppServices App => _app ?? throw new InvalidOperationException("The test has not been initialised.");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _app = await AppServices.AddToAsync(Context);
    }

    public override async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
