using Linguacodus.Core.Engine.Llm;

namespace Linguacodus.Tests.Core.Llm;

public sealed class PromptLibraryTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("linguacodus-prompts-");

    [Fact]
    public void Default_EveryTemplate_UsesOnlyItsDocumentedPlaceholders()
    {
        foreach (var (name, placeholders) in PromptLibrary.Placeholders)
        {
            var text = PromptLibrary.Default.Fill(name, placeholders.ToDictionary(p => p, p => $"<{p}>"));

            Assert.DoesNotContain("{{", text);
            Assert.DoesNotContain("<!--", text);
        }
    }

    [Fact]
    public void Fill_OverrideFile_ReplacesTheBuiltInTemplate()
    {
        File.WriteAllText(Path.Combine(_folder.FullName, "repair-prompt.md"), "<!-- mine -->\nTry again: {{problem}}");

        var library = new PromptLibrary(_folder.FullName);

        Assert.Equal("Try again: empty", library.Fill("repair-prompt.md", new Dictionary<string, string> { ["problem"] = "empty" }));
        Assert.Contains("Best option: N", library.Fill("researcher-prompt.md", Values("researcher-prompt.md")));
    }

    [Fact]
    public void Constructor_UnknownPlaceholderOrFile_FailsWithPlainMessages()
    {
        File.WriteAllText(Path.Combine(_folder.FullName, "repair-prompt.md"), "Again: {{problem}} {{mood}}");
        File.WriteAllText(Path.Combine(_folder.FullName, "reseacher-prompt.md"), "typo");

        var error = Assert.Throws<InvalidOperationException>(() => new PromptLibrary(_folder.FullName));

        Assert.Contains("'repair-prompt.md' uses {{mood}}", error.Message);
        Assert.Contains("'reseacher-prompt.md' is not a prompt template", error.Message);
    }

    [Fact]
    public void Check_MissingFolder_SaysSo()
    {
        Assert.Contains("does not exist", Assert.Single(PromptLibrary.Check(Path.Combine(_folder.FullName, "nope"))));
    }

    private static Dictionary<string, string> Values(string name) => PromptLibrary.Placeholders[name].ToDictionary(p => p, p => p);

    public void Dispose() => _folder.Delete(recursive: true);
}
