using System.Runtime.CompilerServices;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Engine.Llm;
using Linguacodus.Tests.Fakes;
using Microsoft.Extensions.AI;
using static Linguacodus.Tests.Core.Llm.LlmTestTask;

namespace Linguacodus.Tests.Core.Llm;

/// <summary>Staged code and repairs over a scripted model: what the prompts carry, and what is taken from the answers.</summary>
public sealed class LlmCodeWriterTests
{
    private static readonly Dictionary<CodeStage, string> Earlier = new()
    {
        [CodeStage.Preprocessing] = "import pandas as pd\ntrain = pd.read_csv('train.csv')\n",
        [CodeStage.Architecture] = "from sklearn.ensemble import HistGradientBoostingClassifier\nmodel = HistGradientBoostingClassifier()\n",
    };

    private static async Task<string> WriteAsync(IChatClient chat, CodeStage stage, IReadOnlyDictionary<CodeStage, string>? earlier = null) =>
        string.Concat(await ToListAsync(new LlmCodeWriter(Local(chat), PromptLibrary.Default).WriteStageAsync(Request(earlier), stage, Guard())));

    [Fact]
    public async Task WriteStageAsync_Training_PromptCarriesInstructionDataEarlierBlocksAndTheScoreLine()
    {
        var chat = new ScriptedChatClient(_ => ["```python\npass\n```"]);

        await WriteAsync(chat, CodeStage.Training, Earlier);

        var prompt = Assert.Single(chat.Prompts);
        Assert.Contains("Write the \"Model Training\" block", prompt);
        Assert.Contains(Candidates[1], prompt);
        Assert.Contains("train.csv, test.csv, sample_submission.csv", prompt);
        Assert.Contains("- mean_radius: numeric", prompt);
        Assert.Contains("test.csv columns: id, clinic, mean_radius", prompt);
        Assert.Contains("target: diagnosis", prompt);
        Assert.Contains("# %% Data Preprocessing\nimport pandas as pd", prompt);
        Assert.Contains("# %% Model Architecture\nfrom sklearn.ensemble", prompt);
        Assert.Contains("print(\"LINGUACODUS_VALIDATION \" + json.dumps({\"metric\": \"roc_auc\", \"score\": float(score), \"naive\": float(naive)}), flush=True)", prompt);
        Assert.Contains("Columns of submission.csv, in order: id, diagnosis", prompt);
        Assert.Equal("the Model Training code", chat.ReceivedOptions.Single()!.AdditionalProperties![LlmRole.StepKey]);
    }

    [Fact]
    public async Task WriteStageAsync_Submission_GoalNamesTheSubmissionColumns()
    {
        var chat = new ScriptedChatClient(_ => ["pass"]);

        await WriteAsync(chat, CodeStage.Submission, Earlier);

        Assert.Contains("write submission.csv with exactly the columns\nid, diagnosis, in that order", Assert.Single(chat.Prompts));
    }

    [Fact]
    public async Task WriteStageAsync_SmallContext_OutlinesTheEarlierBlocksUntilThePromptFits()
    {
        var chat = new ScriptedChatClient(_ => ["pass"]);
        // One token per character, as with the tiny test model; the answer's 256 tokens must stay free.
        var role = Local(chat) with { Context = new ContextLimit(6_000, (text, _) => ValueTask.FromResult(text.Length)) };
        var earlier = CodeStages.All.Take(3).ToDictionary(s => s, _ => string.Concat(Enumerable.Repeat("x = 1\n    y = x\n", 2_000)));

        await ToListAsync(new LlmCodeWriter(role, PromptLibrary.Default).WriteStageAsync(Request(earlier), CodeStage.Submission, Guard()));

        var prompt = Assert.Single(chat.Prompts);
        Assert.InRange(prompt.Length, 1_000, 6_000 - 256);
        Assert.Contains("lines not shown)", prompt);
        Assert.Contains("write submission.csv with exactly the columns", prompt);
    }

    [Fact]
    public async Task WriteStageAsync_ProseAndFencedCode_StreamsOnlyTheCodeLineByLine()
    {
        var chat = new ScriptedChatClient(_ => ["Sure, here it is:\n```py", "thon\nimport json\nscore = 0", ".5\n```\nThis prints the score."]);

        var deltas = await ToListAsync(new LlmCodeWriter(Local(chat), PromptLibrary.Default).WriteStageAsync(Request(), CodeStage.Training, Guard()));

        Assert.Equal(["import json\n", "score = 0.5\n"], deltas);
    }

    [Fact]
    public async Task WriteStageAsync_NoPythonThenCode_RegeneratesOnce()
    {
        var calls = 0;
        var chat = new ScriptedChatClient(_ => Interlocked.Increment(ref calls) == 1 ? ["```bash\npip install xgboost\n```"] : ["```python\nmodel = None\n```"]);

        var code = await WriteAsync(chat, CodeStage.Architecture);

        Assert.Equal("model = None\n", code);
        Assert.Equal(2, calls);
        Assert.Contains("held no Python code", LastPrompt(chat.Received.Last()));
    }

    [Fact]
    public async Task WriteStageAsync_NeverAnyCode_WritesAStubThatFailsLoudly()
    {
        var chat = new ScriptedChatClient(_ => [""]);

        var code = await WriteAsync(chat, CodeStage.Architecture);

        Assert.Equal(LlmCodeWriter.Attempts, chat.Received.Count);
        Assert.Equal("raise RuntimeError(\"The model wrote no code for the Model Architecture block.\")\n", code);
    }

    [Fact]
    public async Task WriteStageAsync_AnswerCutAtTokenLimit_EndsWithANote()
    {
        using var chat = new CutOff(new ScriptedChatClient(_ => ["```python\nfor i in range("]));

        var code = await WriteAsync(chat, CodeStage.Training);

        Assert.Equal("for i in range(\n" + LlmCodeWriter.CutNote, code);
    }

    [Fact]
    public async Task FixAsync_ChangedBlock_ReplacesItKeepsTheRestAndSeesTheTrimmedError()
    {
        var stages = new Dictionary<CodeStage, string>(Earlier)
        {
            [CodeStage.Training] = "model.fit(train, train['y'])\n",
            [CodeStage.Submission] = "pass\n",
        };
        var chat = new ScriptedChatClient(_ => ["The target is diagnosis.\n```python\n# %% Model Training\nmodel.fit(train, train['diagnosis'])\n```"]);
        var error = "Traceback (most recent call last):\n  File \"/usr/lib/python3/dist-packages/pandas/core/frame.py\", line 1, in x\n    y\nKeyError: 'y'";

        var fixedStages = await new LlmCodeWriter(Local(chat), PromptLibrary.Default).FixAsync(Request(), stages, error, Guard());

        Assert.NotNull(fixedStages);
        Assert.Equal("model.fit(train, train['diagnosis'])\n", fixedStages[CodeStage.Training]);
        Assert.Equal(Earlier[CodeStage.Preprocessing], fixedStages[CodeStage.Preprocessing]);
        var prompt = Assert.Single(chat.Prompts);
        Assert.Contains("# %% Model Training\nmodel.fit(train, train['y'])", prompt);
        Assert.Contains("... (1 frame inside libraries)\nKeyError: 'y'", prompt);
    }

    [Fact]
    public async Task FixAsync_CodeWithoutMarkers_AsksWhichBlocksThenTakesTheMarkedAnswer()
    {
        var calls = 0;
        var chat = new ScriptedChatClient(_ => Interlocked.Increment(ref calls) == 1 ? ["```python\nx = 2\n```"] : ["```python\n# %% Model Architecture\nx = 2\n```"]);
        var stages = CodeStages.All.ToDictionary(s => s, _ => "pass\n");

        var fixedStages = await new LlmCodeWriter(Local(chat), PromptLibrary.Default).FixAsync(Request(), stages, "Error", Guard());

        Assert.Equal("x = 2\n", fixedStages![CodeStage.Architecture]);
        Assert.Equal("pass\n", fixedStages[CodeStage.Training]);
        Assert.Contains("no \"# %% <block>\" marker lines", LastPrompt(chat.Received.Last()));
    }

    [Fact]
    public async Task FixAsync_NoCodeTwice_OffersNoRepair()
    {
        var chat = new ScriptedChatClient(_ => ["I cannot fix this."]);
        var stages = CodeStages.All.ToDictionary(s => s, _ => "pass\n");

        // Prose with no fence is taken as code, so only an empty answer counts as none.
        var empty = new ScriptedChatClient(_ => [" "]);
        var none = await new LlmCodeWriter(Local(empty), PromptLibrary.Default).FixAsync(Request(), stages, "Error", Guard());

        Assert.Null(none);
        Assert.Equal(LlmCodeWriter.Attempts, empty.Received.Count);
        Assert.NotNull(await new LlmCodeWriter(Local(chat), PromptLibrary.Default).FixAsync(Request(), stages, "Error", Guard()));
    }

    /// <summary>Marks the end of every answer as cut at the token limit, as a back end does.</summary>
    private sealed class CutOff(IChatClient inner) : DelegatingChatClient(inner)
    {
        public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
            {
                yield return update;
            }
            yield return new ChatResponseUpdate { FinishReason = ChatFinishReason.Length };
        }
    }
}
