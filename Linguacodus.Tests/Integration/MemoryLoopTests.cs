using System.Text.Json;
using Linguacodus.Core.Data;
using Linguacodus.Core.Engine.Llm;
using Linguacodus.Core.Memory;
using Linguacodus.Core.Runs;
using Linguacodus.Core.Tasks;
using Linguacodus.Inference.LlamaSharp;
using Linguacodus.Tests.Fakes;
using Linguacodus.Tests.Infrastructure;
using Linguacodus.Web.Memory;
using Microsoft.Extensions.AI;

namespace Linguacodus.Tests.Integration;

/// <summary>
/// The learning loop on real runs (SQLite, sandbox, baseline engine): a solved run becomes a case, the next similar
/// task finds it and ranks its best family first, and the case exports as fine-tuning lines.
/// </summary>
public sealed class MemoryLoopTests : IDisposable
{
    private readonly TestServices _services = new();
    private readonly string _out = Directory.CreateTempSubdirectory("linguacodus-memory-").FullName;

    private CaseMemory Memory => _services.Get<CaseMemory>();

    private Task<RunSnapshot> SolveAsync(string example, SolveChoice choice) =>
        _services.Get<RunService>().SolveAsync(Repository.Example(example), Path.Combine(_out, Guid.NewGuid().ToString("N")), choice, _ => { }, CancellationToken.None);

    [Fact]
    public async Task ComparedRun_BecomesACaseRankedByScore_AndTheNextSimilarTaskRanksItsBestFamilyFirst()
    {
        var first = await SolveAsync("diabetes-progression", SolveChoice.Best);
        Assert.True(first.Status == RunStatus.Succeeded, first.Message);
        Assert.Empty(first.Similar);

        var solved = Assert.Single(await Memory.ListAsync(CancellationToken.None));
        Assert.Equal(first.Id, solved.RunId);
        Assert.Equal(first.ValidationScore, solved.Score);
        Assert.Equal(3, solved.Ranks.Count);
        // RMSE: lower is better, so the ranks ascend.
        Assert.Equal(solved.Ranks.Select(r => r.Score).Order(), solved.Ranks.Select(r => r.Score));
        Assert.Equal(CaseMemory.FamilyOf(first.Candidates[solved.Ranks[0].Candidate - 1]), solved.BestFamily);

        var second = await SolveAsync("diabetes-progression", SolveChoice.Auto);

        var similar = Assert.Single(second.Similar);
        Assert.Equal(first.Id, similar.RunId);
        Assert.True(similar.Similarity > 0.9, $"similarity {similar.Similarity}");
        Assert.Equal(solved.BestFamily, CaseMemory.FamilyOf(second.Candidates[0]));
        Assert.Contains($"Ranked first because {solved.BestFamily} scored best on a similar solved task", second.Candidates[0]);
        Assert.Contains("scored best on a similar solved task", second.Critique);
        Assert.Equal(2, (await Memory.ListAsync(CancellationToken.None)).Count);
    }

    [Fact]
    public async Task UnrelatedTask_FindsNoCase_AndRetrievalTurnedOff_FindsNone()
    {
        await SolveAsync("digits", SolveChoice.Auto);

        var unrelated = await SolveAsync("co2-forecast", SolveChoice.Auto);
        Assert.Empty(unrelated.Similar);

        await Memory.SetRetrievalAsync(false, CancellationToken.None);
        var off = await SolveAsync("digit-tags", SolveChoice.Auto);
        Assert.Empty(off.Similar);
        Assert.False(await Memory.IsRetrievalOnAsync(CancellationToken.None));

        await Memory.SetRetrievalAsync(true, CancellationToken.None);
        var on = await SolveAsync("digit-tags", SolveChoice.Auto);
        Assert.Contains(on.Similar, s => s.Title == "Handwritten Digit Recognition (8x8 images)");
    }

    [Fact]
    public async Task RemovedCase_IsForgotten_AndItsRunDoesNotBringItBack()
    {
        var run = await SolveAsync("wine-cultivar", SolveChoice.Auto);
        var solved = Assert.Single(await Memory.ListAsync(CancellationToken.None));

        Assert.True(await Memory.RemoveAsync(solved.Id, CancellationToken.None));
        Assert.False(await Memory.RemoveAsync(solved.Id, CancellationToken.None));

        Assert.Empty(await Memory.ListAsync(CancellationToken.None));
        Assert.Null(await Memory.RememberAsync(run, CancellationToken.None));
        var folder = TaskFolder.Load(Repository.Example("wine-cultivar"));
        Assert.Empty(await Memory.FindSimilarAsync(folder.Task, DataProfiler.Profile(folder), CancellationToken.None));
    }

    [Fact]
    public async Task CaseAddedByAnotherProcess_IsFoundOnceTheIndexNoticesTheChange()
    {
        var folder = TaskFolder.Load(Repository.Example("breast-cancer"));
        var profile = DataProfiler.Profile(folder);
        Assert.Empty(await Memory.FindSimilarAsync(folder.Task, profile, CancellationToken.None));

        // A second set of services over the same data folder stands for the command line beside the web app.
        using (var other = new TestServices(dataDirectory: _services.DataDirectory))
        {
            var run = await other.Get<RunService>().SolveAsync(Repository.Example("breast-cancer"), Path.Combine(_out, "other"), SolveChoice.Auto, _ => { }, CancellationToken.None);
            Assert.True(run.Status == RunStatus.Succeeded, run.Message);
        }

        Assert.Single(await Memory.FindSimilarAsync(folder.Task, profile, CancellationToken.None));
    }

    [Fact]
    public async Task Export_WritesValidJsonLines_WhosePromptIsWhatTheInstructorSends()
    {
        var run = await SolveAsync("breast-cancer", SolveChoice.Best);
        var solved = Assert.Single(await Memory.ListAsync(CancellationToken.None));
        using var stream = new MemoryStream();

        var count = await TrainingExport.WriteAsync(stream, [solved], PromptLibrary.Default, null, CancellationToken.None);

        var lines = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, count);
        Assert.Equal(3, lines.Length);
        // The instructor's own prompts, captured from what it sends to a model for this run's task and profile.
        var chat = new ScriptedChatClient(_ => ["Data Preprocessing:\n- a\nModel Architecture:\n- b\nModel Training:\n- c\n"]);
        var writer = new LlmInstructionWriter(new LlmRole("test", chat, new ChatOptions()), PromptLibrary.Default);
        await foreach (var _ in writer.WriteAsync(run.Task, run.Profile!, 3, [], CancellationToken.None))
        {
        }
        var sent = chat.Prompts;
        for (var rank = 1; rank <= 3; rank++)
        {
            using var line = JsonDocument.Parse(lines[rank - 1]);
            var root = line.RootElement;
            Assert.Equal(rank, root.GetProperty("rank").GetInt32());
            var user = root.GetProperty("messages")[0].GetProperty("content").GetString()!;
            Assert.Contains(user, sent);
            Assert.Contains($"Write the {LlmInstructionWriter.Rank(rank)} place instruction", user);
            Assert.Equal(LlamaPromptFormat.Llama2([new ChatMessage(ChatRole.User, user)]), root.GetProperty("prompt").GetString());
            Assert.StartsWith("[INST] ", root.GetProperty("prompt").GetString());
            Assert.Equal(solved.Ranks[rank - 1].Instruction.Trim(), root.GetProperty("messages")[1].GetProperty("content").GetString());
            Assert.EndsWith(" </s>", root.GetProperty("completion").GetString());
            Assert.Equal(root.GetProperty("prompt").GetString() + root.GetProperty("completion").GetString(), root.GetProperty("text").GetString());
        }
        // AUC is higher-better: a minimum above the case's score leaves it out; one below keeps it.
        using var none = new MemoryStream();
        Assert.Equal(0, await TrainingExport.WriteAsync(none, [solved], PromptLibrary.Default, solved.Score + 0.01, CancellationToken.None));
        Assert.Equal(3, await TrainingExport.WriteAsync(Stream.Null, [solved], PromptLibrary.Default, solved.Score - 0.01, CancellationToken.None));
    }

    [Fact]
    public async Task CaseWhoseRunFolderIsGone_StillExportsFromItsStoredText()
    {
        var run = await SolveAsync("wine-cultivar", SolveChoice.Auto);
        Directory.Delete((await _services.Get<RunService>().LayoutAsync(run.Id))!.Root, recursive: true);

        var solved = Assert.Single(await Memory.ListAsync(CancellationToken.None));
        var line = Assert.Single(TrainingExport.Lines(solved, PromptLibrary.Default));

        Assert.Contains("wine", line.Prompt, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(run.ChosenInstruction!.Trim(), line.Messages[1].Content);
    }

    public void Dispose()
    {
        _services.Dispose();
        Directory.Delete(_out, recursive: true);
    }
}
