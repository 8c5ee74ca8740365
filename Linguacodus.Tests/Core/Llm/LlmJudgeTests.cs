using Linguacodus.Core.Engine.Llm;
using Linguacodus.Core.Instructions;
using Linguacodus.Tests.Fakes;
using Microsoft.Extensions.AI;
using static Linguacodus.Tests.Core.Llm.LlmTestTask;

namespace Linguacodus.Tests.Core.Llm;

/// <summary>The researcher and resolver over a scripted model: streaming, the structured verdict, malformed answers.</summary>
public sealed class LlmJudgeTests
{
    private const string Verdict2 = """
        {"chosen": 2, "reasons": "Boosting suits the mixed columns.", "improved_instruction": {"data_preprocessing": ["One-hot clinic", "Impute gaps inside the pipeline"], "model_architecture": ["Gradient boosting"], "model_training": ["Early stopping on a stratified split"]}}
        """;

    private static ScriptedChatClient Model(Func<int, string> resolver)
    {
        var resolverCalls = 0;
        return new ScriptedChatClient(messages => LastPrompt(messages).Contains("senior machine-learning researcher", StringComparison.Ordinal)
            ? ["Option 1 is too simple. ", "Option 2 fits mixed data. ", "Option 3 drops rows.\n", "Best option: 2"]
            : [resolver(Interlocked.Increment(ref resolverCalls))]);
    }

    [Fact]
    public async Task JudgeAsync_WellFormedAnswers_StreamsCritiqueAndGivesStructuredVerdict()
    {
        var chat = Model(_ => Verdict2);
        var critique = new List<string>();

        var verdict = await new LlmJudge(Local(chat), Local(chat), PromptLibrary.Default)
            .JudgeAsync(Folder.Task, Profile, Candidates, [], critique.Add, Guard());

        Assert.Equal(4, critique.Count);
        Assert.Equal(2, verdict.ChosenIndex);
        Assert.Equal("Boosting suits the mixed columns.", verdict.Reasons);
        Assert.Equal(["One-hot clinic", "Impute gaps inside the pipeline"], Instruction.Parse(verdict.ImprovedInstruction).Section("Data Preprocessing")!.Bullets);
        var prompts = chat.Prompts;
        Assert.Equal(2, prompts.Count);
        Assert.All(prompts, p => Assert.Contains("Option 3:\nData Preprocessing:\n- Drop gaps", p));
        Assert.Contains("Metric: roc", prompts[0]);
        Assert.Contains("Option 3 drops rows.\nBest option: 2", prompts[1]);
    }

    [Fact]
    public async Task JudgeAsync_LocalResolver_IsHeldToTheGrammar()
    {
        var chat = Model(_ => Verdict2);

        await new LlmJudge(Local(chat), Local(chat), PromptLibrary.Default).JudgeAsync(Folder.Task, Profile, Candidates, [], _ => { }, Guard());

        var resolver = chat.ReceivedOptions.Last()!;
        Assert.StartsWith("root ::= ", (string)resolver.AdditionalProperties!["llama.grammar"]!);
        Assert.Null(resolver.ResponseFormat);
        Assert.Equal("the resolver's verdict", resolver.AdditionalProperties[LlmRole.StepKey]);
    }

    [Fact]
    public async Task JudgeAsync_EndpointResolver_IsAskedForTheJsonSchema()
    {
        var chat = Model(_ => Verdict2);

        await new LlmJudge(Remote(chat), Remote(chat), PromptLibrary.Default).JudgeAsync(Folder.Task, Profile, Candidates, [], _ => { }, Guard());

        var format = Assert.IsType<ChatResponseFormatJson>(chat.ReceivedOptions.Last()!.ResponseFormat);
        Assert.Equal("verdict", format.SchemaName);
        Assert.Contains("improved_instruction", format.Schema!.Value.GetRawText());
    }

    [Fact]
    public async Task JudgeAsync_MalformedThenWellFormed_RegeneratesOnceWithTheProblem()
    {
        var chat = Model(n => n == 1 ? "{\"chosen\": 2, \"reasons\": \"cut sho" : Verdict2);

        var verdict = await new LlmJudge(Local(chat), Local(chat), PromptLibrary.Default)
            .JudgeAsync(Folder.Task, Profile, Candidates, [], _ => { }, Guard());

        Assert.Equal(2, verdict.ChosenIndex);
        var prompts = chat.Prompts;
        Assert.Equal(3, prompts.Count);
        Assert.StartsWith(prompts[1].TrimEnd(), prompts[2]);
        Assert.EndsWith("could not be used: it held no complete JSON object.\nAnswer again in exactly the form asked for, with nothing before or after it.", prompts[2].TrimEnd());
    }

    [Fact]
    public async Task JudgeAsync_AlwaysMalformed_KeepsTheResearchersPickAndSaysSo()
    {
        var chat = Model(_ => "I would go with the second one.");

        var verdict = await new LlmJudge(Local(chat), Local(chat), PromptLibrary.Default)
            .JudgeAsync(Folder.Task, Profile, Candidates, [], _ => { }, Guard());

        Assert.Equal(1 + LlmJudge.ResolverAttempts, chat.Received.Count);
        Assert.Equal(2, verdict.ChosenIndex);
        Assert.Equal(Candidates[1], verdict.ImprovedInstruction);
        Assert.Contains("could not be read", verdict.Reasons);
    }

    [Fact]
    public async Task JudgeAsync_Cancelled_StopsTheStreamingResearcher()
    {
        var chat = new ScriptedChatClient((_, token) => ScriptedChatClient.Blocking(token));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Guard());
        cancel.CancelAfter(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new LlmJudge(Local(chat), Local(chat), PromptLibrary.Default).JudgeAsync(Folder.Task, Profile, Candidates, [], _ => { }, cancel.Token));
    }
}
