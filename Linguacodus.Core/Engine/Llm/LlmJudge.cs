using System.Text;
using Linguacodus.Core.Data;
using Linguacodus.Core.Memory;
using Linguacodus.Core.Tasks;

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
        MlTask task, DataProfile profile, IReadOnlyList<string> candidates, IReadOnlyList<SimilarCase> similar, Action<string> critique, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(critique);
        var research = await researcher.FitAsync(
            researcher.For("the researcher's critique"), cut => prompts.Fill("researcher-prompt.md", Values(task, profile, candidates, cut)), cancellationToken);
        var analysis = new StringBuilder();
        await foreach (var update in researcher.Chat.GetStreamingResponseAsync(research.Messages, research.Options, cancellationToken))
        {
            if (update.Text.Length > 0)
            {
                analysis.Append(update.Text);
                critique(update.Text);
            }
        }

        string Prompt(PromptCut cut)
        {
            var values = Values(task, profile, candidates, cut);
            values["analysis"] = analysis.Length == 0
                ? "(The researcher wrote nothing.)"
                : PromptValues.Defuse(PromptValues.Clip(analysis.ToString(), PromptValues.Chars(6_000, cut.TextDetail)));
            return prompts.Fill("resolver-prompt.md", values);
        }
        var options = resolver.Constrained("the resolver's verdict", VerdictAnswer.Gbnf(candidates.Count), VerdictAnswer.Schema(candidates.Count), "verdict");
        var ask = await resolver.FitAsync(options, Prompt, cancellationToken);
        var problem = "";
        for (var attempt = 1; attempt <= ResolverAttempts; attempt++)
        {
            var answer = (await resolver.Chat.GetResponseAsync(ask.Messages, ask.Options, cancellationToken)).Text;
            if (VerdictAnswer.TryRead(answer, candidates, out var verdict, out problem))
            {
                return verdict;
            }
            var asked = problem;
            ask = await resolver.FitAsync(options, cut => prompts.Retry(Prompt(cut), asked), cancellationToken);
        }
        return VerdictAnswer.Fallback(analysis.ToString(), candidates, problem);
    }

    private static Dictionary<string, string> Values(MlTask task, DataProfile profile, IReadOnlyList<string> candidates, PromptCut cut)
    {
        var values = PromptValues.ForTask(task, profile, cut);
        values["options"] = PromptValues.Options(candidates, cut);
        return values;
    }
}
