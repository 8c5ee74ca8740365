using System.Diagnostics.CodeAnalysis;
using Bunit;

namespace Linguacodus.Tests.Web;

/// <summary>
/// One <see cref="BunitContext"/> per test, held (not inherited, as xunit 2 needs) and disposed asynchronously,
/// because MudBlazor's services can only be disposed that way.
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "xunit 2 disposes it through IAsyncLifetime.DisposeAsync after every test.")]
public abstract class ComponentTest : IAsyncLifetime
{
    protected BunitContext Context { get; } = new();

    public virtual Task InitializeAsync()
    {
        Context.AddTestServices();
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync() => await Context.DisposeAsync();
}
