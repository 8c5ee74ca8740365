using Bunit;
using Linguacodus.Web.Components.Shared;

namespace Linguacodus.Tests.Web.Components.Shared;

/// <summary>The real editor against bUnit's JS interop: what it asks the browser module to do.</summary>
public sealed class CodeEditorTests : ComponentTest
{
    private const string Module = "./Components/Shared/CodeEditor.razor.js";
    private BunitJSModuleInterop _module = default!;

    public override Task InitializeAsync()
    {
        // No AddTestServices here: its CodeEditor stub would replace the component under test.
        Context.JSInterop.Mode = JSRuntimeMode.Strict;
        _module = Context.JSInterop.SetupModule(Module);
        _module.SetupVoid("create", _ => true).SetVoidResult();
        _module.SetupVoid("setValue", _ => true).SetVoidResult();
        _module.SetupVoid("setReadOnly", _ => true).SetVoidResult();
        _module.SetupVoid("setTheme", _ => true).SetVoidResult();
        _module.SetupVoid("dispose", _ => true).SetVoidResult();
        return Task.CompletedTask;
    }

    [Fact]
    public void Render_First_CreatesEditorWithValueAndLanguage()
    {
        Context.Render<CodeEditor>(p => p.Add(c => c.Id, "code-training").Add(c => c.Value, "x = 1\n").Add(c => c.ReadOnly, true));

        var create = _module.VerifyInvoke("create");
        Assert.Equal("code-training", create.Arguments[0]);
        var options = create.Arguments[2]!;
        Assert.Equal("x = 1\n", options.GetType().GetProperty("value")!.GetValue(options));
        Assert.Equal("python", options.GetType().GetProperty("language")!.GetValue(options));
        Assert.Equal(true, options.GetType().GetProperty("readOnly")!.GetValue(options));
    }

    [Fact]
    public void Render_NewValueAndEditable_PushesBothToTheEditor()
    {
        var cut = Context.Render<CodeEditor>(p => p.Add(c => c.Id, "code-training").Add(c => c.Value, "x = 1\n").Add(c => c.ReadOnly, true));

        cut.Render(p => p.Add(c => c.Value, "x = 1\ny = 2\n").Add(c => c.ReadOnly, false));

        var setValue = _module.VerifyInvoke("setValue");
        Assert.Equal(["code-training", "x = 1\ny = 2\n"], setValue.Arguments);
        Assert.Equal(["code-training", false], _module.VerifyInvoke("setReadOnly").Arguments);
    }

    [Fact]
    public void Render_SameValueAgain_DoesNotOverwriteEdits()
    {
        var cut = Context.Render<CodeEditor>(p => p.Add(c => c.Id, "code-training").Add(c => c.Value, "x = 1\n"));

        cut.Render(p => p.Add(c => c.Value, "x = 1\n"));

        _module.VerifyNotInvoke("setValue");
    }

    [Fact]
    public async Task ReadAsync_ThroughGroup_ReturnsTheEditorsText()
    {
        _module.Setup<string?>("getValue", _ => true).SetResult("edited = True\n");
        var group = new CodeEditorGroup();
        Context.Render<CodeEditor>(p => p.Add(c => c.Id, "code-submission").Add(c => c.Value, "original\n").Add(c => c.Group, group));

        var text = await group.ReadAsync("code-submission");

        Assert.Equal("edited = True\n", text);
        Assert.Null(await group.ReadAsync("code-elsewhere"));
    }

    [Fact]
    public async Task Dispose_Editor_DisposesItInTheBrowserAndLeavesTheGroup()
    {
        var group = new CodeEditorGroup();
        var cut = Context.Render<CodeEditor>(p => p.Add(c => c.Id, "code-submission").Add(c => c.Group, group));

        await cut.Instance.DisposeAsync();

        Assert.Equal(["code-submission"], _module.VerifyInvoke("dispose").Arguments);
        Assert.Null(await group.ReadAsync("code-submission"));
    }

    [Fact]
    public async Task Dispose_WhileMonacoStillLoads_RemovesTheEditorOnceCreated()
    {
        var creating = _module.SetupVoid("create", invocation => Equals(invocation.Arguments[0], "code-slow"));
        var cut = Context.Render<CodeEditor>(p => p.Add(c => c.Id, "code-slow"));

        var disposing = cut.Instance.DisposeAsync().AsTask();
        Assert.False(disposing.IsCompleted);
        _module.VerifyNotInvoke("dispose");
        creating.SetVoidResult();
        await disposing;

        Assert.Equal(["code-slow"], _module.VerifyInvoke("dispose").Arguments);
        _module.VerifyNotInvoke("setValue");
    }
}
