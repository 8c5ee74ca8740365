using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Linguacodus.Core.Instructions;

namespace Linguacodus.Core.Engine.Llm;

/// <summary>
/// The resolver's answer: a JSON object with the chosen option, the reasons and the improved instruction as bullet
/// lists. Local models are held to it by a GBNF grammar, endpoints by a JSON schema; reading it is lenient, so prose
/// or fences around the object, a number given as text, or an instruction given as plain text still count.
/// </summary>
public static partial class VerdictAnswer
{
    private static readonly string[] Sections = ["data_preprocessing", "model_architecture", "model_training"];
    private static readonly string[] Fields = ["chosen", "reasons", "improved_instruction"];

    /// <summary>A grammar for compact JSON with bounded strings, so even a small model closes the object within its token limit.</summary>
    public static string Gbnf(int candidates) => $$$"""
        root ::= "{\"chosen\": " choice ", \"reasons\": \"" reason "\", \"improved_instruction\": {\"data_preprocessing\": " list ", \"model_architecture\": " list ", \"model_training\": " list "}}"
        choice ::= {{{string.Join(" | ", Enumerable.Range(1, candidates).Select(i => $"\"{i}\""))}}}
        reason ::= char{8,300}
        list ::= "[" item (", " item){0,4} "]"
        item ::= "\"" char{2,160} "\""
        char ::= [^"\\\x7F\x00-\x1F] | "\\" ["\\/nt]
        """;

    public static JsonElement Schema(int candidates)
    {
        var bullets = new { type = "array", items = new { type = "string" } };
        return JsonSerializer.SerializeToElement(new
        {
            type = "object",
            properties = new
            {
                chosen = new { type = "integer", @enum = Enumerable.Range(1, candidates).ToArray() },
                reasons = new { type = "string" },
                improved_instruction = new
                {
                    type = "object",
                    properties = new { data_preprocessing = bullets, model_architecture = bullets, model_training = bullets },
                    required = Sections,
                    additionalProperties = false,
                },
            },
            required = Fields,
            additionalProperties = false,
        });
    }

    /// <summary>
    /// Reads an answer into a verdict. Sections the improved instruction lacks are taken from the chosen option, so
    /// the verdict is always a whole instruction.
    /// </summary>
    /// <param name="problem">What made the answer unusable, in words a model can act on.</param>
    public static bool TryRead(string answer, IReadOnlyList<string> candidates, out Verdict verdict, out string problem)
    {
        verdict = null!;
        var start = answer.IndexOf('{', StringComparison.Ordinal);
        var end = answer.LastIndexOf('}');
        if (start < 0 || end < start)
        {
            problem = answer.Trim().Length == 0 ? "it was empty." : "it held no complete JSON object.";
            return false;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(answer[start..(end + 1)], new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException error)
        {
            problem = $"it was not valid JSON ({error.Message.Split(" LineNumber:")[0].TrimEnd('.')}).";
            return false;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Chosen(root) is not { } chosen)
            {
                problem = "it did not say which option was chosen in \"chosen\".";
                return false;
            }
            if (chosen < 1 || chosen > candidates.Count)
            {
                problem = $"\"chosen\" was {chosen}, but the options are numbered 1 to {candidates.Count}.";
                return false;
            }
            var reasons = root.TryGetProperty("reasons", out var r) ? Text(r).Trim() : "";
            var improved = root.TryGetProperty("improved_instruction", out var i) ? Improved(i) : new Instruction([]);
            var original = Instruction.Parse(candidates[chosen - 1]);
            var missing = improved.MissingSections.ToList();
            var sections = improved.Sections.Concat(missing.Select(original.Section).OfType<InstructionSection>()).ToList();
            var note = improved.Sections.Count == 0 ? " (The resolver gave no improved text; the option is kept as written.)"
                : missing.Count > 0 ? $" ({string.Join(", ", missing)} kept from option {chosen}, which the resolver left out.)"
                : "";
            verdict = new Verdict(
                chosen,
                (reasons.Length == 0 ? "The resolver gave no reasons." : reasons) + note,
                sections.Count == 0 ? candidates[chosen - 1] : new Instruction(sections).ToString());
            problem = "";
            return true;
        }
    }

    /// <summary>The verdict when the resolver's answers could not be read: the researcher's pick (else option 1), unchanged.</summary>
    public static Verdict Fallback(string analysis, IReadOnlyList<string> candidates, string problem)
    {
        var named = ResearcherPick().Matches(analysis).Select(m => int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture))
            .LastOrDefault(n => n >= 1 && n <= candidates.Count);
        var reasons = named > 0
            ? $"The resolver's answer could not be read ({problem.TrimEnd('.')}), so option {named}, the researcher's pick, is kept unchanged."
            : $"The resolver's answer could not be read ({problem.TrimEnd('.')}) and the researcher named no best option, so option 1, the first-place instruction, is kept unchanged.";
        var chosen = named > 0 ? named : 1;
        return new Verdict(chosen, reasons, candidates[chosen - 1]);
    }

    private static int? Chosen(JsonElement root)
    {
        if (!root.TryGetProperty("chosen", out var chosen))
        {
            return null;
        }
        return chosen.ValueKind switch
        {
            JsonValueKind.Number when chosen.TryGetInt32(out var n) => n,
            JsonValueKind.String when Digits().Match(chosen.GetString()!) is { Success: true } m => int.Parse(m.Value, CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    private static Instruction Improved(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return Instruction.Parse(element.GetString()!);
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new Instruction([]);
        }
        var sections = new List<InstructionSection>();
        foreach (var property in element.EnumerateObject())
        {
            var bullets = property.Value.ValueKind == JsonValueKind.Array
                ? property.Value.EnumerateArray().Select(Text)
                : Text(property.Value).Split('\n');
            var kept = bullets.Select(b => b.Trim().TrimStart('-', '*', ' ')).Where(b => b.Length > 0).ToList();
            if (kept.Count > 0)
            {
                sections.Add(new InstructionSection(Heading(property.Name), kept));
            }
        }
        return new Instruction(sections);
    }

    /// <summary>"data_preprocessing" or "dataPreprocessing" as the paper's heading "Data Preprocessing".</summary>
    private static string Heading(string key)
    {
        var words = Words().Matches(key).Select(m => m.Value.ToLowerInvariant()).ToList();
        var heading = string.Join(" ", words.Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
        return Instruction.RequiredHeadings.FirstOrDefault(h => h.Equals(heading, StringComparison.OrdinalIgnoreCase)) ?? heading;
    }

    private static string Text(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Array => string.Join(" ", element.EnumerateArray().Select(Text)),
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => element.GetRawText(),
    };

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    [GeneratedRegex(@"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")]
    private static partial Regex Words();

    [GeneratedRegex(@"best\s+option\W{0,5}(?<n>\d+)|option\s+(?:#\s*)?(?<n>\d+)\s+is\s+(?:the\s+)?(?:best|soundest|strongest)", RegexOptions.IgnoreCase)]
    private static partial Regex ResearcherPick();
}
