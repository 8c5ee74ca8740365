using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Linguacodus.Web.Components.Shared;

/// <summary>
/// A read-only Monaco diff editor: <see cref="Original"/> on the left, <see cref="Modified"/> on the right, kept up to
/// date as they change. Driven through the same module as <see cref="CodeEditor"/> (ADR-003), so every call goes
/// through the circuit's own IJSRuntime; the two models have the URIs
/// <c>inmemory://linguacodus/{Id}-original.py</c> and <c>…-modified.py</c>.
/// </summary>
public sealed partial class DiffEditor
{
    private const string ModulePath = "./Components/Shared/CodeEditor.razor.js";

    private ElementReference _host;
    private IJSObjectReference? _module;
    private Task? _creation;
    private bool _ready;
    private bool _disposed;
    private (string Original, string Modified, bool Dark) _shown;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    /// <summary>Unique on the page.</summary>
    [Parameter, EditorRequired]
    public string Id { get; set; } = "";

    [Parameter]
    public string Original { get; set; } = "";

    [Parameter]
    public string Modified { get; set; } = "";

    [Parameter]
    public string Language { get; set; } = "python";

    [Parameter]
    public string Height { get; set; } = "360px";

    [Parameter]
    public string? Class { get; set; }

    [CascadingParameter(Name = "DarkMode")]
    public bool DarkMode { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        if (!_ready || _module is null || (Original, Modified, DarkMode) == _shown)
        {
            return;
        }
        var now = (Original, Modified, DarkMode);
        try
        {
            if (now.Original != _shown.Original || now.Modified != _shown.Modified)
            {
                await _module.InvokeVoidAsync("setDiff", Id, now.Original, now.Modified);
            }
            if (now.DarkMode != _shown.Dark)
            {
                await _module.InvokeVoidAsync("setTheme", Theme(now.DarkMode));
            }
            _shown = now;
        }
        catch (JSDisconnectedException)
        {
            // The browser has gone.
        }
    }

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
            _module = await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
            if (_disposed)
            {
                return;
            }
            _shown = (Original, Modified, DarkMode);
            await _module.InvokeVoidAsync("createDiff", Id, _host, new { original = Original, modified = Modified, language = Language, theme = Theme(DarkMode) });
            _ready = !_disposed;
            if (_ready && (Original, Modified, DarkMode) != _shown)
            {
                await OnParametersSetAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The browser left before the editor existed.
        }
    }

    private static string Theme(bool dark) => dark ? "vs-dark" : "vs";

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        try
        {
            if (_creation is not null)
            {
                await _creation;
            }
            if (_module is null)
            {
                return;
            }
            await _module.InvokeVoidAsync("disposeDiff", Id);
            await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the editor with it.
        }
    }
}
