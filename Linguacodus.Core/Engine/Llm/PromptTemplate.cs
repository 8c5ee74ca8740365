using System.Text.RegularExpressions;

namespace Linguacodus.Core.Engine.Llm;

/// <summary>A prompt file with <c>{{name}}</c> placeholders; an unknown placeholder is an error, not silent text.</summary>
public static partial class PromptTemplate
{
    public static string Load(string name)
    {
        using var stream = typeof(PromptTemplate).Assembly.GetManifestResourceStream($"Linguacodus.Core.Engine.Llm.{name}")
            ?? throw new InvalidOperationException($"Prompt template {name} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static string Fill(string template, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(template, match => values.TryGetValue(match.Groups[1].Value, out var value)
            ? value
            : throw new KeyNotFoundException($"The prompt template uses {{{{{match.Groups[1].Value}}}}}, which has no value."));

    [GeneratedRegex(@"\{\{([a-z_]+)\}\}")]
    private static partial Regex Placeholder();
}
