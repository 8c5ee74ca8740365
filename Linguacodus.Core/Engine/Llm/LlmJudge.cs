using System.Text;
using Linguacodus.Core.Data;
using Linguacodus.Core.Tasks;
using Microsoft.Extensions.AI;

namespace Linguacodus.Core.Engine.Llm;

/// <summary>
/// The paper's two agents. The researcher critiques every option step by step (streamed to the analyst); the
/// resolver names the option the researcher found best, improves it and gives it in full, as a structured answer.
/// An unreadable answer is asked for once more; if it is still unreadable the researcher's pick is kept unchanged,
/// and the verdict says so. Failures of the back end itself end the step with their message.
/// </summary>
public sealed class LlmJudge(LlmRole researcher, LlmRole resolver, PromptLibrary prompts) : IJudge
{
    /// <summary>Answers asked of the resolver in all: the first and one regeneration.</summary>
    public const int ResolverAttempts = 2;

    public async Task<Verdict> JudgeAsync(
        MlTask task, DataProfile profile, IReadOnlyList<string> candidates, Action<string> critique, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(critique);
        var research = await researcher.FitAsync(detail => prompts.Fill("researcher-prompt.md", Values(task, profile, candidates, detail)), cancellationToken);
        var analysis = new StringBuilder();
        await foreach (var update in researcher.Chat.GetStreamingResponseAsync(
            [new ChatMessage(ChatRole.User, research)], researcher.For("the researcher's critique"), cancellationToken))
        {
            if (update.Text.Length > 0)
            {
                analysis.Append(update.Text);
                critique(update.Text);
            }
        }

        var prompt = await resolver.FitAsync(detail =>
        {
            var values = Values(task, profile, candidates, detail);
            values["analysis"] = analysis.Length == 0 ? "(The researcher wrote nothing.)" : PromptValues.Defuse(PromptValues.Clip(analysis.ToString(), PromptValues.Chars(6_000, detail)));
            return prompts.Fill("resolver-prompt.md", values);
        }, cancellationToken);
        var ask = prompt;
        var options = resolver.Constrained("the resolver's verdict", VerdictAnswer.Gbnf(candidates.Count), VerdictAnswer.Schema(candidates.Count), "verdict");
        var problem = "";
        for (var attempt = 1; attempt <= ResolverAttempts; attempt++)
        {
            var answer = (await resolver.Chat.GetResponseAsync([new ChatMessage(ChatRole.User, ask)], options, cancellationToken)).Text;
            if (VerdictAnswer.TryRead(answer, candidates, out var verdict, out problem))
            {
                return verdict;
            }
            ask = prompts.Retry(prompt, problem);
        }
        return VerdictAnswer.Fallback(analysis.ToString(), candidates, problem);
    }

    private static Dictionary<string, string> Values(MlTask task, DataProfile profile, IReadOnlyList<string> candidates, double detail)
    {
        var values = PromptValues.ForTask(task, profile, detail);
        values["options"] = PromptValues.Options(candidates, detail);
        return values;
    }
}
