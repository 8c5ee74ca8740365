using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Linguacodus.Core.Artifacts;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Engine.Llm;
using Linguacodus.Tests.Fakes;
using Microsoft.Extensions.AI;
using static Linguacodus.Tests.Core.Llm.LlmTestTask;

namespace Linguacodus.Tests.Core.Llm;

/// <summary>
/// How a prompt is fitted to a small context, over a fake tokenizer (one token per character) that records every
/// prompt it is asked to count: the cuts come in the stated order, each keeps what the model must see, the answer's
/// limit is lowered only when the bare prompt needs it, and past that the step fails naming the context.
/// </summary>
public sealed partial class PromptFitTests
{
    private const int Requested = 1_024;

    /// <summary>Four blocks, each an import, a function with a long body, a top-level variable and a last line.</summary>
    private static readonly Dictionary<CodeStage, string> Stages = CodeStages.All.ToDictionary(s => s, s =>
        $"import pandas as pd\ndef helper_{s.Slug()}(frame):\n    frame = frame.copy()\n"
        + string.Concat(Enumerable.Range(1, 40).Select(i => $"    frame['c{i}'] = frame['a'] * {i}\n"))
        + $"    return frame\ntable_{s.Slug()} = helper_{s.Slug()}(pd.DataFrame())\nprint('done {s.Slug()}')\n");

    /// <summary>An error output (under the digest's limit, over the first cut's) whose traceback points into the Model Training block.</summary>
    private static readonly string Error = ErrorIn(CodeStage.Training);

    [Fact]
    public async Task FitAsync_NothingFits_TriesTheCutsInTheStatedOrderThenFailsNamingTheContext()
    {
        var (role, counted, _) = Role(1_000);

        var error = await Assert.ThrowsAsync<PromptTooLongException>(() => FixAsync(role));

        var tried = counted.ToList();
        Assert.Equal(tried.Distinct().Count(), tried.Count);
        Assert.True(ThreeExamples(tried[0]) && Outlined(tried[0]).Count == 0 && Kinds(tried[0]) && !ErrorCut(tried[0]), "the first prompt tried is the whole one");
        // Each kind of detail goes in the stated order, and once gone it stays gone.
        int[] firstLost =
        [
            FirstLost(tried, ThreeExamples),
            FirstLost(tried, p => p.Contains(", e.g. ", StringComparison.Ordinal)),
            FirstLost(tried, p => Outlined(p).Count == 0),
            FirstLost(tried, Kinds),
            FirstLost(tried, p => !ErrorCut(p)),
        ];
        Assert.Equal(firstLost.Order(), firstLost);
        Assert.Equal(firstLost.Length, firstLost.Distinct().Count());
        // Blocks are outlined one at a time, the one the error points into last.
        var outlines = tried.Select(Outlined).Where(o => o.Count > 0).Distinct(new SetComparer()).ToList();
        Assert.Equal(Enumerable.Range(1, 4), outlines.Select(o => o.Count));
        Assert.Equal(new[] { CodeStage.Preprocessing }, outlines[0].ToArray());
        Assert.DoesNotContain(CodeStage.Training, outlines[2]);
        Assert.Contains("The prompt for the fix of the program does not fit the model's context of 1,000 tokens", error.Message);
        Assert.Contains($"at least {tried[^1].Length + LlmRole.MinAnswerTokens:N0}", error.Message);
        Assert.Contains("ContextSize", error.Message);
    }

    [Fact]
    public async Task FitAsync_BarePrompt_KeepsSignaturesLastLinesColumnsTargetIdSubmissionAndTheErrorsEnds()
    {
        var bare = await BarePromptAsync();

        Assert.Contains("def helper_training(frame):", bare);
        Assert.Contains("print('done training')", bare);
        Assert.Contains("import pandas as pd", bare);
        Assert.DoesNotContain("frame['c7']", bare);
        Assert.Matches(@"# \.\.\. \(\d+ lines not shown\)", bare);
        Assert.Contains("target: diagnosis", bare);
        Assert.Contains("id: id", bare);
        Assert.Contains("columns: id, clinic, mean_radius", bare);
        Assert.Contains("Columns of submission.csv, in order: id, diagnosis", bare);
        Assert.Contains("Traceback (most recent call last):", bare);
        Assert.Contains("KeyError: 'the column'", bare);
        Assert.Contains("characters not shown", bare);
    }

    [Fact]
    public async Task FitAsync_BarePromptFitsOnlyWithAShorterAnswer_LowersTheAnswersLimit()
    {
        var bare = await BarePromptAsync();
        var (role, _, chat) = Role(bare.Length + 300);

        await FixAsync(role);

        Assert.Equal(bare, Assert.Single(chat.Prompts));
        Assert.Equal(300, chat.ReceivedOptions.Single()!.MaxOutputTokens);
    }

    [Fact]
    public async Task FitAsync_BelowTheAnswerFloor_FailsInsteadOfSendingIt()
    {
        var bare = await BarePromptAsync();
        var (role, _, chat) = Role(bare.Length + LlmRole.MinAnswerTokens - 1);

        var error = await Assert.ThrowsAsync<PromptTooLongException>(() => FixAsync(role));

        Assert.Empty(chat.Received);
        Assert.Contains($"at least {bare.Length + LlmRole.MinAnswerTokens:N0}", error.Message);
    }

    [Fact]
    public async Task FitAsync_RoomyContext_SendsTheWholePromptWithTheWholeAnswer()
    {
        var (role, counted, chat) = Role(100_000);

        await FixAsync(role);

        Assert.Single(counted);
        var prompt = Assert.Single(chat.Prompts);
        Assert.True(ThreeExamples(prompt) && Kinds(prompt) && Outlined(prompt).Count == 0 && !ErrorCut(prompt));
        Assert.Equal(Requested, chat.ReceivedOptions.Single()!.MaxOutputTokens);
    }

    [Fact]
    public async Task FitAsync_MiddleContext_CutsOnlyAsFarAsNeeded()
    {
        var (wide, counted, _) = Role(100_000);
        await FixAsync(wide);
        var whole = Assert.Single(counted);
        // Room for the whole prompt less a little: dropping examples is enough, so the code stays whole.
        var (role, _, chat) = Role(whole.Length + Requested - 20);

        await FixAsync(role);

        var prompt = Assert.Single(chat.Prompts);
        Assert.False(ThreeExamples(prompt));
        Assert.Empty(Outlined(prompt));
        Assert.True(Kinds(prompt));
        Assert.Equal(Requested, chat.ReceivedOptions.Single()!.MaxOutputTokens);
    }

    [Fact]
    public async Task WriteStageAsync_AskedAgain_TheRetryIsFittedToo()
    {
        var calls = 0;
        // An answer with no code at all is what asks again.
        var empty = new ScriptedChatClient(_ => Interlocked.Increment(ref calls) == 1 ? [" "] : ["```python\npass\n```"]);
        const int Context = 6_000;
        var role = Local(empty) with
        {
            Options = new ChatOptions { MaxOutputTokens = Requested },
            Context = new ContextLimit(Context, (text, _) => ValueTask.FromResult(text.Length)),
        };
        var earlier = CodeStages.All.Take(3).ToDictionary(s => s, s => Stages[s]);

        await ToListAsync(new LlmCodeWriter(role, PromptLibrary.Default).WriteStageAsync(Request(earlier), CodeStage.Submission, Guard()));

        Assert.Equal(2, empty.Received.Count);
        Assert.Contains("held no Python code", empty.Prompts[1]);
        Assert.All(empty.Prompts.Zip(empty.ReceivedOptions), sent => Assert.InRange(sent.First.Length + sent.Second!.MaxOutputTokens!.Value, 0, Context));
    }

    [Fact]
    public void Estimated_CountsOneTokenPerThreeBytesPlusTheTemplate()
    {
        Assert.Equal(100 + ContextLimit.TemplateTokens, ContextLimit.EstimateTokens(new string('a', 300)));
        // "é" is two bytes in UTF-8: accented and non-Latin text counts for more.
        Assert.Equal(200 + ContextLimit.TemplateTokens, ContextLimit.EstimateTokens(new string('é', 300)));
    }

    [Fact]
    public void Outline_KeepsImportsSignaturesTopLevelStatementsAndTheLastLines()
    {
        var outline = CodeOutlineOf(Stages[CodeStage.Preprocessing], bare: false);
        var bare = CodeOutlineOf(Stages[CodeStage.Preprocessing], bare: true);

        Assert.StartsWith("import pandas as pd\ndef helper_preprocessing(frame):\n# ... (", outline);
        Assert.EndsWith("    return frame\ntable_preprocessing = helper_preprocessing(pd.DataFrame())\nprint('done preprocessing')", outline);
        Assert.EndsWith("lines not shown)\nprint('done preprocessing')", bare);
        Assert.True(bare.Length < outline.Length);
    }

    private static string CodeOutlineOf(string code, bool bare)
    {
        // The outline is internal; a stage prompt with every block outlined shows it.
        var cut = PromptCut.Sequence.First(c => c.OutlinedBlocks == 4 && c.BareOutlines == bare);
        var blocks = PromptValues.Blocks(new Dictionary<CodeStage, string> { [CodeStage.Preprocessing] = code }, 4_000, cut, CodeStages.All);
        return blocks[(blocks.IndexOf('\n') + 1)..];
    }

    private static async Task<string> BarePromptAsync()
    {
        var (role, counted, _) = Role(1_000);
        await Assert.ThrowsAsync<PromptTooLongException>(() => FixAsync(role));
        return counted.Last();
    }

    private static Task<IReadOnlyDictionary<CodeStage, string>?> FixAsync(LlmRole role) =>
        new LlmCodeWriter(role, PromptLibrary.Default).FixAsync(Request(), Stages, Error, Guard());

    private static (LlmRole Role, ConcurrentQueue<string> Counted, ScriptedChatClient Chat) Role(int contextTokens)
    {
        var counted = new ConcurrentQueue<string>();
        var chat = new ScriptedChatClient(_ => ["```python\n# %% Model Training\npass\n```"]);
        var role = Local(chat) with
        {
            Options = new ChatOptions { MaxOutputTokens = Requested },
            Context = new ContextLimit(contextTokens, (text, _) =>
            {
                counted.Enqueue(text);
                return ValueTask.FromResult(text.Length);
            }),
        };
        return (role, counted, chat);
    }

    private static string ErrorIn(CodeStage stage)
    {
        var program = ProgramAssembler.Assemble(Folder.Task.Title, Stages).Split('\n');
        var line = Array.FindIndex(program, l => l.Contains($"table_{stage.Slug()} =", StringComparison.Ordinal)) + 1;
        return "Traceback (most recent call last):\n"
            + string.Concat(Enumerable.Range(1, 30).Select(i => $"  warning {i}: a long message about the data that fills the output\n"))
            + $"  File \"/work/solution.py\", line {line}, in <module>\n    table = helper(frame)\nKeyError: 'the column'";
    }

    private static int FirstLost(List<string> tried, Func<string, bool> kept)
    {
        var index = tried.FindIndex(p => !kept(p));
        Assert.True(index > 0, "a kind of detail was never cut, or was cut from the start");
        Assert.All(tried.Skip(index), p => Assert.False(kept(p), "a cut detail came back"));
        return index;
    }

    private static bool ThreeExamples(string prompt) => ThreeExamplesPattern().IsMatch(prompt);

    private static bool Kinds(string prompt) => prompt.Contains("- mean_radius: numeric", StringComparison.Ordinal);

    private static bool ErrorCut(string prompt) =>
        prompt[prompt.IndexOf("<<<ERROR", StringComparison.Ordinal)..].Contains("characters not shown", StringComparison.Ordinal);

    /// <summary>The blocks of the prompt's program that are shown as outlines.</summary>
    private static HashSet<CodeStage> Outlined(string prompt)
    {
        var program = prompt[prompt.IndexOf("The program:", StringComparison.Ordinal)..prompt.IndexOf("<<<ERROR", StringComparison.Ordinal)];
        return [.. CodeStages.All.Where(s =>
        {
            var start = program.IndexOf($"# %% {s.Title()}\n", StringComparison.Ordinal);
            var end = program.IndexOf("# %% ", start + 5, StringComparison.Ordinal);
            return program[start..(end < 0 ? program.Length : end)].Contains("lines not shown)", StringComparison.Ordinal);
        })];
    }

    [GeneratedRegex(@"e\.g\. [^|\n]+ \| [^|\n]+ \| ")]
    private static partial Regex ThreeExamplesPattern();

    private sealed class SetComparer : IEqualityComparer<HashSet<CodeStage>>
    {
        public bool Equals(HashSet<CodeStage>? x, HashSet<CodeStage>? y) => x!.SetEquals(y!);

        public int GetHashCode(HashSet<CodeStage> obj) => obj.Count;
    }
}
