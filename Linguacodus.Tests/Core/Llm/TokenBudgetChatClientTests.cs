using Linguacodus.Core.Engine.Llm;
using Linguacodus.Tests.Fakes;
using Microsoft.Extensions.AI;
using static Linguacodus.Tests.Core.Llm.LlmTestTask;

namespace Linguacodus.Tests.Core.Llm;

public sealed class TokenBudgetChatClientTests
{
    private static ChatOptions Step(int maxOutputTokens) => new()
    {
        MaxOutputTokens = maxOutputTokens,
        AdditionalProperties = new() { [LlmRole.StepKey] = "the Model Training code" },
    };

    [Fact]
    public async Task GetStreamingResponseAsync_AnswerReachesTheBudget_StreamsItThenStopsNamingTheLimit()
    {
        var inner = new ScriptedChatClient(_ => [new string('x', 300), new string('y', 300)]);
        using var chat = new TokenBudgetChatClient(inner, 100);
        var received = new List<string>();

        var error = await Assert.ThrowsAsync<LlmBudgetExceededException>(async () =>
        {
            await foreach (var update in chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "go")], Step(1_000), Guard()))
            {
                received.Add(update.Text);
            }
        });

        Assert.Equal(2, received.Count);
        Assert.Equal(100, inner.ReceivedOptions.Single()!.MaxOutputTokens);
        Assert.Equal("Stopped at a budget limit: the Model Training code reached 100 output tokens, the most one step may write (Inference:Budgets:MaxTokensPerStep).", error.Message);
    }

    [Fact]
    public async Task GetResponseAsync_BackEndLimitIsSmaller_CutsWithoutStopping()
    {
        using var chat = new TokenBudgetChatClient(new ScriptedChatClient(_ => [new string('x', 400)]), 1_000);

        var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "go")], Step(64), Guard());

        Assert.Equal(400, response.Text.Length);
    }

    [Fact]
    public async Task GetResponseAsync_ShortAnswer_PassesThrough()
    {
        using var chat = new TokenBudgetChatClient(new ScriptedChatClient(_ => ["short"]), 100);

        Assert.Equal("short", (await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "go")], Step(1_000), Guard())).Text);
    }
}
