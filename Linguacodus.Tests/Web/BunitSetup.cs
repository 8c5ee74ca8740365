using System.Net;
using Bunit;
using Linguacodus.Web.Components.Shared;
using MudBlazor.Services;

namespace Linguacodus.Tests.Web;

/// <summary>The one bUnit setup every component test shares (STYLE.md section 7).</summary>
internal static class BunitSetup
{
    /// <summary>
    /// Loose JS interop, MudBlazor's services without the popover-provider check, and Monaco replaced by a stub
    /// that shows the code it was given (so tests can still see which text reached which editor).
    /// </summary>
    public static BunitContext AddTestServices(this BunitContext context)
    {
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        context.ComponentFactories.AddStub<CodeEditor>(editor =>
            $"""<pre class="stub-editor" data-editor-id="{editor.Get(e => e.Id)}" data-readonly="{(editor.Get(e => e.ReadOnly) ? "true" : "false")}">{WebUtility.HtmlEncode(editor.Get(e => e.Value))}</pre>""");
        context.ComponentFactories.AddStub<DiffEditor>(editor =>
            $"""<div class="stub-diff" data-editor-id="{editor.Get(e => e.Id)}"><pre class="stub-original">{WebUtility.HtmlEncode(editor.Get(e => e.Original))}</pre><pre class="stub-modified">{WebUtility.HtmlEncode(editor.Get(e => e.Modified))}</pre></div>""");
        return context;
    }
}
