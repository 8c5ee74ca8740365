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
    private const string ModulePath = "./Components/Shared/CodeEditor.razor.js";

    private ElementReference _host;
    private IJSObjectReference? _module;
    private Task? _creation;
    private bool _ready;
    private bool _disposed;
    private bool _syncing;
    private bool _syncAgain;
    private string _shownValue = "";
    private bool _shownReadOnly;
    private bool _shownDarkMode;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    /// <summary>Unique on the page; also the key the editor is read back under in <see cref="Group"/>.</summary>
    [Parameter, EditorRequired]
    public string Id { get; set; } = "";

    [Parameter]
    public string Value { get; set; } = "";

    [Parameter]
    public bool ReadOnly { get; set; }

    [Parameter]
    public string Language { get; set; } = "python";

    /// <summary>A CSS height; Monaco fills its container and cannot size itself.</summary>
    [Parameter]
    public string Height { get; set; } = "320px";

    [Parameter]
    public string? Class { get; set; }

    [Parameter]
    public CodeEditorGroup? Group { get; set; }

    [CascadingParameter(Name = "DarkMode")]
    public bool DarkMode { get; set; }

    protected override void OnInitialized() => Group?.Attach(Id, ReadAsync);

    protected override Task OnParametersSetAsync() => _ready ? SyncAsync() : Task.CompletedTask;

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
            (_shownValue, _shownReadOnly, _shownDarkMode) = (Value, ReadOnly, DarkMode);
            await _module.InvokeVoidAsync("create", Id, _host, new { value = Value, language = Language, readOnly = ReadOnly, theme = Theme(DarkMode) });
            _ready = !_disposed;
            if (_ready)
            {
                await SyncAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The browser left before the editor existed.
        }
    }

    /// <summary>The editor's current text, including the analyst's edits.</summary>
    public async Task<string> ReadAsync()
    {
        if (!_ready || _module is null)
        {
            return Value;
        }
        return await _module.InvokeAsync<string?>("getValue", Id) ?? Value;
    }

    /// <summary>Brings the editor up to date with the parameters; one pass at a time, repeated if they changed meanwhile.</summary>
    private async Task SyncAsync()
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
                if (_module is null || _disposed)
                {
                    return;
                }
                if (Value != _shownValue)
                {
                    var value = Value;
                    await _module.InvokeVoidAsync("setValue", Id, value);
                    _shownValue = value;
                }
                if (ReadOnly != _shownReadOnly)
                {
                    var readOnly = ReadOnly;
                    await _module.InvokeVoidAsync("setReadOnly", Id, readOnly);
                    _shownReadOnly = readOnly;
                }
                if (DarkMode != _shownDarkMode)
                {
                    // Monaco's theme is global to the page; every editor asking for the same theme is harmless.
                    var dark = DarkMode;
                    await _module.InvokeVoidAsync("setTheme", Theme(dark));
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

    private static string Theme(bool dark) => dark ? "vs-dark" : "vs";

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        Group?.Detach(Id);
        try
        {
            // An editor still being created (Monaco loads on first use) is removed once it exists.
            if (_creation is not null)
            {
                await _creation;
            }
            if (_module is null)
            {
                return;
            }
            await _module.InvokeVoidAsync("dispose", Id);
            await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the editor with it.
        }
    }
}
