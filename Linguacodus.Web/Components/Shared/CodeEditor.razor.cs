using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Linguacodus.Web.Components.Shared;

/// <summary>
/// A Monaco editor for one block of code. <see cref="Value"/> is pushed into the editor whenever it changes, so
/// streamed code shows up as it arrives; what the analyst types stays in the editor until the value changes again,
/// and is read back through <see cref="Group"/>.
/// </summary>
/// <remarks>
/// Monaco's files come from the BlazorMonaco package, but the editor is driven through this component's own
/// module (CodeEditor.razor.js) rather than BlazorMonaco's StandaloneCodeEditor: BlazorMonaco 3.0 creates editors
/// through one process-wide IJSRuntime (JsRuntimeExt.Shared, overwritten by every editor that initialises), so on a
/// Blazor Server host with several circuits an editor can be created in another user's browser. Here every call
/// goes through the circuit's own IJSRuntime.
/// </remarks>
public sealed partial class CodeEditor
{
    private bool _syncing;
    private bool _syncAgain;
    private string _shownValue = "";
    private bool _shownReadOnly;
    private bool _shownDarkMode;

    [Parameter]
    public string Value { get; set; } = "";

    [Parameter]
    public bool ReadOnly { get; set; }

    [Parameter]
    public CodeEditorGroup? Group { get; set; }

    protected override void OnInitialized() => Group?.Attach(Id, ReadAsync);

    protected override Task OnParametersSetAsync() => Ready ? SyncAsync() : Task.CompletedTask;

    protected override string DisposeFunction => "dispose";

    protected override async Task CreateEditorAsync(IJSObjectReference editors)
    {
        (_shownValue, _shownReadOnly, _shownDarkMode) = (Value, ReadOnly, DarkMode);
        await editors.InvokeVoidAsync("create", Id, Host, new { value = Value, language = Language, readOnly = ReadOnly, theme = Theme(DarkMode) });
    }

    /// <summary>The editor's current text, including the analyst's edits.</summary>
    public async Task<string> ReadAsync()
    {
        if (!Ready || Module is null)
        {
            return Value;
        }
        return await Module.InvokeAsync<string?>("getValue", Id) ?? Value;
    }

    /// <summary>Brings the editor up to date with the parameters; one pass at a time, repeated if they changed meanwhile.</summary>
    protected override async Task SyncAsync()
    {
        if (_syncing)
        {
            _syncAgain = true;
            return;
        }
        _syncing = true;
        try
        {
            do
            {
                _syncAgain = false;
                if (Module is null || Disposed)
                {
                    return;
                }
                if (Value != _shownValue)
                {
                    var value = Value;
                    await Module.InvokeVoidAsync("setValue", Id, value);
                    _shownValue = value;
                }
                if (ReadOnly != _shownReadOnly)
                {
                    var readOnly = ReadOnly;
                    await Module.InvokeVoidAsync("setReadOnly", Id, readOnly);
                    _shownReadOnly = readOnly;
                }
                if (DarkMode != _shownDarkMode)
                {
                    // Monaco's theme is global to the page; every editor asking for the same theme is harmless.
                    var dark = DarkMode;
                    await Module.InvokeVoidAsync("setTheme", Theme(dark));
                    _shownDarkMode = dark;
                }
            }
            while (_syncAgain);
        }
        catch (JSDisconnectedException)
        {
            // The browser has gone; there is nothing left to update.
        }
        finally
        {
            _syncing = false;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        Group?.Detach(Id);
        await base.DisposeAsync();
    }
}
