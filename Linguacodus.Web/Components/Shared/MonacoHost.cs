using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Linguacodus.Web.Components.Shared;

/// <summary>
/// What every Monaco component shares: its element, the circuit's own copy of CodeEditor.razor.js (ADR-003: every call
/// goes through the circuit's IJSRuntime), creation after the first render, the theme, and removal on dispose, also
/// of an editor that was still being created.
/// </summary>
public abstract class MonacoHost : ComponentBase, IAsyncDisposable
{
    private const string ModulePath = "./Components/Shared/CodeEditor.razor.js";

    private Task? _creation;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    /// <summary>Unique on the page.</summary>
    [Parameter, EditorRequired]
    public string Id { get; set; } = "";

    [Parameter]
    public string Language { get; set; } = "python";

    /// <summary>A CSS height; Monaco fills its container and cannot size itself.</summary>
    [Parameter]
    public string Height { get; set; } = "320px";

    [Parameter]
    public string? Class { get; set; }

    [CascadingParameter(Name = "DarkMode")]
    public bool DarkMode { get; set; }

    protected ElementReference Host { get; set; }

    /// <summary>The module, once loaded.</summary>
    protected IJSObjectReference? Module { get; private set; }

    /// <summary>Whether the editor exists in the page (and the component is still there).</summary>
    protected bool Ready { get; private set; }

    protected bool Disposed { get; private set; }

    protected static string Theme(bool dark) => dark ? "vs-dark" : "vs";

    /// <summary>Creates the editor in <see cref="Host"/> through the module.</summary>
    protected abstract Task CreateEditorAsync(IJSObjectReference editors);

    /// <summary>Brings a ready editor up to date with parameters that changed while it was being created.</summary>
    protected abstract Task SyncAsync();

    /// <summary>The module's function that removes this editor.</summary>
    protected abstract string DisposeFunction { get; }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _creation = CreateAsync();
            await _creation;
        }
    }

    private async Task CreateAsync()
    {
        try
        {
            Module = await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
            if (Disposed)
            {
                return;
            }
            await CreateEditorAsync(Module);
            Ready = !Disposed;
            if (Ready)
            {
                await SyncAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The browser left before the editor existed.
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        Disposed = true;
        GC.SuppressFinalize(this);
        try
        {
            // An editor still being created (Monaco loads on first use) is removed once it exists.
            if (_creation is not null)
            {
                await _creation;
            }
            if (Module is null)
            {
                return;
            }
            await Module.InvokeVoidAsync(DisposeFunction, Id);
            await Module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the editor with it.
        }
    }
}
