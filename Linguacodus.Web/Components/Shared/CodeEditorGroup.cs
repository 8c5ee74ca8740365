namespace Linguacodus.Web.Components.Shared;

/// <summary>
/// Lets a page read what the analyst typed into several <see cref="CodeEditor"/>s without holding component
/// references: each editor attaches a reader under its key while it lives. A key with no live editor (not yet
/// started, or replaced by a test stub) reads as null, and the caller falls back to the text it gave the editor.
/// </summary>
public sealed class CodeEditorGroup
{
    private readonly Dictionary<string, Func<Task<string>>> _readers = new(StringComparer.Ordinal);

    public void Attach(string key, Func<Task<string>> read) => _readers[key] = read;

    public void Detach(string key) => _readers.Remove(key);

    public async Task<string?> ReadAsync(string key) =>
        _readers.TryGetValue(key, out var read) ? await read() : null;
}
