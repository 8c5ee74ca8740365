using System.Text.RegularExpressions;

namespace Linguacodus.Core.Engine.Llm;

/// <summary>
/// The engine's prompt templates: the embedded defaults (Engine/Llm/*.md), each replaceable by a file of the same
/// name in an override folder (configuration <c>Inference:PromptOverrides</c>), without recompiling. A template may
/// open with an HTML comment (<c>&lt;!-- ... --&gt;</c>) that documents it; the comment is not sent to the model.
/// Overrides are checked when the library is built, so a typo fails at start-up, never in the middle of a run.
/// </summary>
public sealed partial class PromptLibrary
{
    private static readonly string[] TaskFields = ["title", "task", "data_type", "metric", "profile"];

    private static readonly string[] CodeFields =
        [.. TaskFields, "instruction", "files", "submission", "submission_columns", "target", "id_column", "metric_name", "score_marker"];

    /// <summary>Every template the engine fills, with the placeholders (<c>{{name}}</c>) it may use.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Placeholders { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        ["instruction-prompt.md"] = [.. TaskFields, "rank", "examples"],
        ["researcher-prompt.md"] = [.. TaskFields, "options"],
        ["resolver-prompt.md"] = [.. TaskFields, "options", "analysis"],
        ["repair-prompt.md"] = ["problem"],
        ["code-stage-prompt.md"] = [.. CodeFields, "stage", "stage_goal", "earlier_code"],
        ["code-goal-preprocessing.md"] = CodeFields,
        ["code-goal-architecture.md"] = CodeFields,
        ["code-goal-training.md"] = CodeFields,
        ["code-goal-submission.md"] = CodeFields,
        ["code-fix-prompt.md"] = [.. CodeFields, "program", "error"],
    };

    private readonly Dictionary<string, string> _templates;

    /// <param name="overrideFolder">A folder of replacement templates, or null/empty for the defaults only.</param>
    /// <exception cref="InvalidOperationException">The folder is missing or holds an unknown or faulty template.</exception>
    public PromptLibrary(string? overrideFolder = null)
    {
        if (!string.IsNullOrEmpty(overrideFolder) && Check(overrideFolder) is { Count: > 0 } problems)
        {
            throw new InvalidOperationException(string.Join("\n", problems));
        }
        _templates = Placeholders.Keys.ToDictionary(name => name, name =>
        {
            var file = string.IsNullOrEmpty(overrideFolder) ? null : Path.Combine(overrideFolder, name);
            return StripHeader(file is not null && File.Exists(file) ? File.ReadAllText(file) : PromptTemplate.Load(name));
        });
    }

    /// <summary>The built-in templates.</summary>
    public static PromptLibrary Default { get; } = new();

    public string Fill(string name, IReadOnlyDictionary<string, string> values) => PromptTemplate.Fill(_templates[name], values);

    /// <summary>
    /// The prompt that asks again after an unusable answer: the same prompt with the problem added. The bad answer is
    /// not echoed back, so the request stays short; it is fitted to the context like any prompt.
    /// </summary>
    public string Retry(string prompt, string problem) =>
        prompt.TrimEnd() + "\n\n" + Fill("repair-prompt.md", new Dictionary<string, string> { ["problem"] = problem });

    /// <summary>What is wrong with an override folder, one message per problem; empty when it is usable.</summary>
    public static IReadOnlyList<string> Check(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [$"Inference:PromptOverrides: the folder '{folder}' does not exist."];
        }
        var problems = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.md").Order())
        {
            var name = Path.GetFileName(file);
            if (!Placeholders.TryGetValue(name, out var allowed))
            {
                problems.Add($"Inference:PromptOverrides: '{name}' is not a prompt template; the templates are {string.Join(", ", Placeholders.Keys)}.");
                continue;
            }
            var unknown = Placeholder().Matches(StripHeader(File.ReadAllText(file)))
                .Select(m => m.Groups[1].Value).Distinct().Where(p => !allowed.Contains(p)).ToList();
            if (unknown.Count > 0)
            {
                problems.Add($"Inference:PromptOverrides: '{name}' uses {string.Join(", ", unknown.Select(p => $"{{{{{p}}}}}"))}, "
                    + $"which it has no value for; it may use {string.Join(", ", allowed.Select(p => $"{{{{{p}}}}}"))}.");
            }
        }
        return problems;
    }

    private static string StripHeader(string template) => Header().Replace(template, "", 1);

    [GeneratedRegex(@"\{\{([a-z_]+)\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\A\s*<!--.*?-->\s*", RegexOptions.Singleline)]
    private static partial Regex Header();
}
