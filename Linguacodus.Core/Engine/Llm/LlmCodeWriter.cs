using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Linguacodus.Core.Engine.Llm;

/// <summary>
/// The paper's staged code generation: one prompt per stage, each given the instruction, the data (files, columns,
/// target, submission format) and the blocks before it; the stage's code is taken from the answer's fenced block as
/// it streams. After a failed run the coder gets the program and the trimmed error output and returns the blocks it
/// corrects. An answer without code, or a fix whose code names no block, is asked for once more; a second unmarked
/// fix is taken as a whole new program.
/// </summary>
public sealed class LlmCodeWriter(LlmRole coder, PromptLibrary prompts) : ICodeWriter
{
    /// <summary>Answers asked per stage or fix in all: the first and one regeneration.</summary>
    public const int Attempts = 2;

    /// <summary>Each earlier block shown in a stage prompt is clipped to this, so prompts fit a model's context.</summary>
    public const int EarlierBlockChars = 4_000;

    /// <summary>Each block of the program shown in a fix prompt is clipped to this.</summary>
    public const int ProgramBlockChars = 12_000;

    /// <summary>Appended where a back end cut an answer at its token limit, so the analyst and the fixer see why.</summary>
    public const string CutNote = "# (The model's answer was cut here at its output-token limit.)\n";

    public async IAsyncEnumerable<string> WriteStageAsync(
        CodeRequest request, CodeStage stage, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string Prompt(PromptCut cut)
        {
            var values = PromptValues.ForCode(request, cut);
            values["stage"] = stage.Title();
            values["stage_goal"] = prompts.Fill($"code-goal-{stage.Slug()}.md", values).Trim();
            values["earlier_code"] = request.EarlierStages.Count == 0
                ? "(none: this is the first block)"
                : PromptValues.Blocks(request.EarlierStages, EarlierBlockChars, cut, CodeStages.All);
            return prompts.Fill("code-stage-prompt.md", values);
        }
        var options = coder.For($"the {stage.Title()} code");
        var ask = await coder.FitAsync(options, Prompt, cancellationToken);
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var extractor = new CodeExtractor();
            var wrote = false;
            ChatFinishReason? finish = null;
            await foreach (var update in coder.Chat.GetStreamingResponseAsync(ask.Messages, ask.Options, cancellationToken))
            {
                finish = update.FinishReason ?? finish;
                foreach (var line in extractor.Add(update.Text))
                {
                    wrote |= line.Trim().Length > 0;
                    yield return line;
                }
            }
            foreach (var line in extractor.Finish())
            {
                wrote |= line.Trim().Length > 0;
                yield return line;
            }
            if (wrote)
            {
                if (finish == ChatFinishReason.Length)
                {
                    yield return CutNote;
                }
                yield break;
            }
            var problem = $"it held no Python code. Put the {stage.Title()} block's code in one ```python code block.";
            ask = await coder.FitAsync(options, cut => prompts.Retry(Prompt(cut), problem), cancellationToken);
        }
        yield return $"raise RuntimeError(\"The model wrote no code for the {stage.Title()} block.\")\n";
    }

    public async Task<IReadOnlyDictionary<CodeStage, string>?> FixAsync(
        CodeRequest request, IReadOnlyDictionary<CodeStage, string> stages, string errorOutput, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var error = ErrorDigest.Trim(errorOutput, request.Folder.Task.Title, stages);
        // The blocks the error output points into are outlined last.
        var leastNeededFirst = CodeStages.All.OrderBy(s => error.Contains($"[the {s.Title()} block]", StringComparison.Ordinal)).ToList();
        string Prompt(PromptCut cut)
        {
            var values = PromptValues.ForCode(request, cut);
            values["program"] = PromptValues.Blocks(stages, ProgramBlockChars, cut, leastNeededFirst);
            values["error"] = PromptValues.Defuse(PromptValues.Middle(error, cut.ErrorChars));
            return prompts.Fill("code-fix-prompt.md", values);
        }
        var options = coder.For("the fix of the program");
        var ask = await coder.FitAsync(options, Prompt, cancellationToken);
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var answer = (await coder.Chat.GetResponseAsync(ask.Messages, ask.Options, cancellationToken)).Text;
            var code = CodeExtractor.Extract(answer);
            // Code without block markers is asked for again: it may be a whole program or a piece of one block.
            if (code.Trim().Length > 0 && (ProgramBlocks.HasMarkers(code) || attempt == Attempts))
            {
                return ProgramBlocks.Apply(code, stages);
            }
            var problem = code.Trim().Length == 0
                ? "it held no Python code. Put the corrected blocks, each under its \"# %% <block>\" marker line, in one ```python code block."
                : "its code had no \"# %% <block>\" marker lines, so it is unclear which blocks it replaces. Put each corrected block under its marker line.";
            ask = await coder.FitAsync(options, cut => prompts.Retry(Prompt(cut), problem), cancellationToken);
        }
        return null;
    }
}
