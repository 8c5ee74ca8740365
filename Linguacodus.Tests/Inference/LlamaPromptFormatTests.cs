using Linguacodus.Inference.LlamaSharp;
using Microsoft.Extensions.AI;

namespace Linguacodus.Tests.Inference;

/// <summary>The Llama 2 chat format used when a model has no usable chat template (Meta's reference layout).</summary>
public sealed class LlamaPromptFormatTests
{
    [Fact]
    public void Llama2_SystemAndUser_WrapsSystemInSysBlock()
    {
        ChatMessage[] messages = [new(ChatRole.System, "Be brief."), new(ChatRole.User, "Describe the data.")];

        var prompt = LlamaPromptFormat.Llama2(messages);

        Assert.Equal("[INST] <<SYS>>\nBe brief.\n<</SYS>>\n\nDescribe the data. [/INST]", prompt);
    }

    [Fact]
    public void Llama2_UserOnly_HasNoSysBlock()
    {
        ChatMessage[] messages = [new(ChatRole.User, "Describe the data.")];

        var prompt = LlamaPromptFormat.Llama2(messages);

        Assert.Equal("[INST] Describe the data. [/INST]", prompt);
    }

    [Fact]
    public void Llama2_MultiTurnWithAssistant_ClosesEachAnswerAndOpensNextTurn()
    {
        ChatMessage[] messages =
        [
            new(ChatRole.System, "Be brief."),
            new(ChatRole.User, "Describe the data."),
            new(ChatRole.Assistant, "Thirty numeric columns."),
            new(ChatRole.User, "Which model?"),
        ];

        var prompt = LlamaPromptFormat.Llama2(messages);

        Assert.Equal(
            "[INST] <<SYS>>\nBe brief.\n<</SYS>>\n\nDescribe the data. [/INST] Thirty numeric columns. </s><s>[INST] Which model? [/INST]",
            prompt);
    }

    [Fact]
    public void Llama2_MultiTurnWithoutSystem_RepeatsNoSysBlock()
    {
        ChatMessage[] messages =
        [
            new(ChatRole.User, "Hi"),
            new(ChatRole.Assistant, "Hello"),
            new(ChatRole.User, "Again"),
        ];

        var prompt = LlamaPromptFormat.Llama2(messages);

        Assert.Equal("[INST] Hi [/INST] Hello </s><s>[INST] Again [/INST]", prompt);
        Assert.DoesNotContain("<<SYS>>", prompt);
    }

    [Fact]
    public void Llama2_PaddedText_TrimsUserAndAssistantText()
    {
        ChatMessage[] messages = [new(ChatRole.User, "  Hi \n"), new(ChatRole.Assistant, "\nHello  ")];

        var prompt = LlamaPromptFormat.Llama2(messages);

        Assert.Equal("[INST] Hi [/INST] Hello </s><s>", prompt);
    }
}
