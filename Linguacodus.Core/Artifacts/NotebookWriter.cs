using System.Text.Json;
using System.Text.Json.Nodes;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Execution;
using Linguacodus.Core.Runs;

namespace Linguacodus.Core.Artifacts;

/// <summary>
/// Writes an nbformat 4 notebook: the instruction as markdown, then one code cell per stage with what it printed; the
/// training cell also shows the validation diagnostics the program saved (<see cref="NotebookImages"/>).
/// </summary>
public static class NotebookWriter
{
    /// <param name="workFolder">The folder the program ran in, whose diagnostics pictures the training cell carries when
    /// <paramref name="attempt"/> succeeded (a failed attempt's folder may hold an earlier attempt's pictures); null: none.</param>
    public static string Write(RunSnapshot run, AttemptRecord? attempt, string? workFolder = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var images = attempt is { ExitCode: 0 } && workFolder is not null ? NotebookImages.Read(workFolder) : [];
        var cells = new JsonArray
        {
            Cell("markdown", $"# {run.Task.Title}\n\n{run.Task.Task}\n\n## Instruction\n\n{run.ChosenInstruction}", null),
        };
        var stages = attempt?.Program ?? run.Stages;
        foreach (var (stage, index) in CodeStages.All.Select((s, i) => (s, i)))
        {
            var lines = attempt is null ? [] : Printed(run, attempt, index);
            var outputs = new JsonArray();
            foreach (var group in Streams(lines))
            {
                outputs.Add(new JsonObject
                {
                    ["output_type"] = "stream",
                    ["name"] = group.IsError ? "stderr" : "stdout",
                    ["text"] = Source(string.Join("\n", group.Text) + "\n"),
                });
            }
            if (stage == CodeStage.Training)
            {
                foreach (var (name, bytes) in images)
                {
                    outputs.Add(new JsonObject
                    {
                        ["output_type"] = "display_data",
                        ["data"] = new JsonObject { ["image/png"] = Convert.ToBase64String(bytes), ["text/plain"] = $"<{name}>" },
                        ["metadata"] = new JsonObject(),
                    });
                }
            }
            var cell = Cell("code", $"# {stage.Title()}\n{stages.GetValueOrDefault(stage, "").Trim('\n')}", outputs);
            cell["execution_count"] = attempt is null ? null : index + 1;
            cells.Add(cell);
        }
        var notebook = new JsonObject
        {
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["name"] = "python3", ["display_name"] = "Python 3", ["language"] = "python" },
                ["language_info"] = new JsonObject { ["name"] = "python" },
            },
            ["cells"] = cells,
        };
        return notebook.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>
    /// What a stage printed in an attempt; for a stage the attempt restored rather than ran, what it printed in the
    /// latest earlier attempt that ran it, so the notebook shows real output.
    /// </summary>
    private static List<OutputLine> Printed(RunSnapshot run, AttemptRecord attempt, int index)
    {
        List<OutputLine> Of(AttemptRecord a) => [.. a.Log.Where(l => l.Cell == index + 1 || (index == 0 && l.Cell == 0))];
        var lines = Of(attempt);
        if (!lines.Any(l => l.Text == OutputLine.RestoredNote))
        {
            return lines;
        }
        var earlier = run.Attempts.TakeWhile(a => !ReferenceEquals(a, attempt)).Reverse()
            .Select(Of).FirstOrDefault(l => l.Count > 0 && !l.Any(x => x.Text == OutputLine.RestoredNote));
        return earlier ?? lines;
    }

    private static JsonObject Cell(string type, string text, JsonArray? outputs)
    {
        var cell = new JsonObject
        {
            ["cell_type"] = type,
            ["id"] = Guid.NewGuid().ToString("N")[..8],
            ["metadata"] = new JsonObject(),
            ["source"] = Source(text),
        };
        if (outputs is not null)
        {
            cell["outputs"] = outputs;
        }
        return cell;
    }

    /// <summary>nbformat stores text as a list of lines, each keeping its newline.</summary>
    private static JsonArray Source(string text)
    {
        var lines = text.Split('\n');
        var source = new JsonArray();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = i < lines.Length - 1 ? lines[i] + "\n" : lines[i];
            if (line.Length > 0)
            {
                source.Add(line);
            }
        }
        return source;
    }

    /// <summary>Consecutive lines of the same stream become one output.</summary>
    private static IEnumerable<(bool IsError, List<string> Text)> Streams(IEnumerable<OutputLine> lines)
    {
        (bool IsError, List<string> Text)? current = null;
        foreach (var line in lines)
        {
            if (current is { } run && run.IsError == line.IsError)
            {
                run.Text.Add(line.Text);
                continue;
            }
            if (current is not null)
            {
                yield return current.Value;
            }
            current = (line.IsError, [line.Text]);
        }
        if (current is not null)
        {
            yield return current.Value;
        }
    }
}
