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
    private (string Original, string Modified, bool Dark) _shown;

    [Parameter]
    public string Original { get; set; } = "";

    [Parameter]
    public string Modified { get; set; } = "";

    protected override string DisposeFunction => "disposeDiff";

    protected override Task OnParametersSetAsync() => Ready ? SyncAsync() : Task.CompletedTask;

    protected override async Task CreateEditorAsync(IJSObjectReference editors)
    {
        _shown = (Original, Modified, DarkMode);
        await editors.InvokeVoidAsync("createDiff", Id, Host, new { original = Original, modified = Modified, language = Language, theme = Theme(DarkMode) });
    }

    protected override async Task SyncAsync()
    {
        var now = (Original, Modified, DarkMode);
        if (Module is null || Disposed || now == _shown)
        {
            return;
        }
        try
        {
            if (now.Original != _shown.Original || now.Modified != _shown.Modified)
            {
                await Module.InvokeVoidAsync("setDiff", Id, now.Original, now.Modified);
            }
            if (now.DarkMode != _shown.Dark)
            {
                await Module.InvokeVoidAsync("setTheme", Theme(now.DarkMode));
            }
            _shown = now;
        }
        catch (JSDisconnectedException)
        {
            // The browser has gone.
        }
    }
}
