namespace Linguacodus.Core.Engine.Llm;

/// <summary>
/// A model step reached the run's output-token budget. It is an <see cref="InvalidOperationException"/> so a run
/// stops with status Failed and this message, which names the limit.
/// </summary>
public sealed class LlmBudgetExceededException : InvalidOperationException
{
    public LlmBudgetExceededException()
    {
    }

    public LlmBudgetExceededException(string message)
        : base(message)
    {
    }

    public LlmBudgetExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LlmBudgetExceededException(string step, int maxTokensPerStep)
        : base($"Stopped at a budget limit: {step} reached {maxTokensPerStep:N0} output tokens, the most one step may write "
            + "(Inference:Budgets:MaxTokensPerStep).")
    {
    }
}
