using System.Reflection;
using Linguacodus.Core.Persistence;
using Linguacodus.Inference;
using Linguacodus.Inference.LlamaSharp;
using Linguacodus.TestSupport;
using Linguacodus.Web;
using NetArchTest.Rules;

namespace Linguacodus.Tests.Architecture;

/// <summary>
/// The dependency rules of ARCHITECTURE.md and STYLE.md: Core is the domain and uses no UI, web or model library;
/// projects depend one way (Web -> Inference -> Core); the test model never ships in a production assembly.
/// Each rule is checked on the compiled assemblies, and each check is shown to fail on an assembly that breaks it.
/// </summary>
public sealed class ArchitectureTests
{
    /// <summary>Namespaces (and assembly name prefixes) of ASP.NET Core, MudBlazor, LLamaSharp, OpenAI and Semantic Kernel.</summary>
    private static readonly string[] UiAndModelLibraries = ["Microsoft.AspNetCore", "MudBlazor", "LLama", "OpenAI", "Azure.AI.OpenAI", "Microsoft.SemanticKernel"];

    private static readonly Assembly Core = typeof(RunStore).Assembly;
    private static readonly Assembly Inference = typeof(LlmEngine).Assembly;
    private static readonly Assembly Web = typeof(WebApp).Assembly;
    private static readonly Assembly TestSupport = typeof(TinyLlamaModel).Assembly;

    [Fact]
    public void Core_ReferencesNoUiWebOrModelAssembly()
    {
        Assert.Empty(References(Core, UiAndModelLibraries));
    }

    [Fact]
    public void Core_HasNoTypeThatUsesAUiWebOrModelLibrary()
    {
        var result = Types.InAssembly(Core).ShouldNot().HaveDependencyOnAny(UiAndModelLibraries).GetResult();

        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void ModelLibraryRules_FlagInference_WhichUsesLlamaSharpAndOpenAI()
    {
        // The rules above, pointed at the assembly that must use these libraries, catch it by assembly and by type.
        var result = Types.InAssembly(Inference).ShouldNot().HaveDependencyOnAny(UiAndModelLibraries).GetResult();

        Assert.Contains("LLamaSharp", References(Inference, UiAndModelLibraries));
        Assert.Contains("OpenAI", References(Inference, UiAndModelLibraries));
        Assert.False(result.IsSuccessful);
        Assert.Contains(typeof(LlamaModel).FullName, result.FailingTypeNames);
    }

    [Fact]
    public void Dependencies_PointFromWebToInferenceToCore()
    {
        Assert.Contains(Core.GetName().Name, ProjectReferences(Inference));
        Assert.Contains(Inference.GetName().Name, ProjectReferences(Web));
        Assert.Empty(ProjectReferences(Core));
        Assert.Equal([Core.GetName().Name!], ProjectReferences(Inference));
    }

    [Fact]
    public void Core_HasNoTypeThatUsesInferenceOrWeb()
    {
        var result = Types.InAssembly(Core).ShouldNot().HaveDependencyOnAny("Linguacodus.Inference", "Linguacodus.Web").GetResult();

        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void ProductionAssemblies_DoNotReferenceTestSupport()
    {
        var testSupport = TestSupport.GetName().Name!;

        foreach (var production in new[] { Core, Inference, Web })
        {
            Assert.DoesNotContain(testSupport, ProjectReferences(production));
        }
        // The same check sees the reference where it is meant to be.
        Assert.Contains(testSupport, ProjectReferences(typeof(ArchitectureTests).Assembly));
    }

    /// <summary>The referenced assemblies whose names start with one of <paramref name="prefixes"/>.</summary>
    private static List<string> References(Assembly assembly, IEnumerable<string> prefixes) =>
        [.. assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(name => prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)))];

    /// <summary>The Linguacodus assemblies (projects of this repository) an assembly references; Web's assembly is "linguacodus".</summary>
    private static List<string> ProjectReferences(Assembly assembly) =>
        [.. assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(name => name.StartsWith("Linguacodus.", StringComparison.Ordinal) || name == Web.GetName().Name).Order()];
}
