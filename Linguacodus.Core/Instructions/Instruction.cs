using System.Text;
using System.Text.RegularExpressions;

namespace Linguacodus.Core.Instructions;

/// <summary>
/// An instruction in the paper's format: sections such as "Data Preprocessing:", "Model Architecture:",
/// "Model Training:", each a list of bullet points.
/// </summary>
public sealed partial record Instruction(IReadOnlyList<InstructionSection> Sections)
{
    public static readonly IReadOnlyList<string> RequiredHeadings = ["Data Preprocessing", "Model Architecture", "Model Training"];

    private static readonly HashSet<string> KnownHeadings = new(
        [.. RequiredHeadings, "Model Evaluation", "Submission", "Additional Information"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Sections required by the paper's format that this instruction lacks.</summary>
    public IEnumerable<string> MissingSections =>
        RequiredHeadings.Where(h => !Sections.Any(s => s.Heading.Equals(h, StringComparison.OrdinalIgnoreCase)));

    public InstructionSection? Section(string heading) =>
        Sections.FirstOrDefault(s => s.Heading.Equals(heading, StringComparison.OrdinalIgnoreCase));

    /// <summary>The instruction with <paramref name="bullets"/> added at the end of a section (a new one if it has none).</summary>
    public Instruction With(string heading, params IReadOnlyList<string> bullets)
    {
        var sections = Sections.ToList();
        var at = sections.FindIndex(s => s.Heading.Equals(heading, StringComparison.OrdinalIgnoreCase));
        if (at < 0)
        {
            sections.Add(new InstructionSection(heading, bullets));
        }
        else
        {
            sections[at] = sections[at] with { Bullets = [.. sections[at].Bullets, .. bullets] };
        }
        return new Instruction(sections);
    }

    /// <summary>Parses free text: a heading is a short line ending in ':' (markdown '#', '**' allowed); other lines are bullets.</summary>
    public static Instruction Parse(string text)
    {
        var sections = new List<InstructionSection>();
        string? heading = null;
        var bullets = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }
            var match = HeadingLine().Match(line);
            // "Learning rate: 0.05" is a bullet; only a bare "Heading:" or a known heading opens a section.
            if (match.Success && (match.Groups["rest"].Length == 0 || KnownHeadings.Contains(match.Groups["h"].Value.Trim())))
            {
                Flush();
                heading = match.Groups["h"].Value.Trim();
                if (match.Groups["rest"].Value.Trim() is { Length: > 0 } rest)
                {
                    bullets.Add(rest);
                }
                continue;
            }
            heading ??= "Notes";
            bullets.Add(BulletMark().Replace(line, ""));
        }
        Flush();
        return new Instruction(sections);

        void Flush()
        {
            if (heading is not null && bullets.Count > 0)
            {
                sections.Add(new InstructionSection(heading, [.. bullets]));
            }
            bullets.Clear();
        }
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var section in Sections)
        {
            text.Append(section.Heading).Append(":\n");
            foreach (var bullet in section.Bullets)
            {
                text.Append("- ").Append(bullet).Append('\n');
            }
            text.Append('\n');
        }
        return text.ToString().TrimEnd() + "\n";
    }

    [GeneratedRegex(@"^(?:#+\s*)?(?:\d+\.\s*)?\**(?<h>[A-Z][A-Za-z /&-]{2,40}?)\**\s*:\**\s*(?<rest>.*)$")]
    private static partial Regex HeadingLine();

    [GeneratedRegex(@"^(?:[-*•]|\d+[.)])\s*")]
    private static partial Regex BulletMark();
}
