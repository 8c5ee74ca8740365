namespace Linguacodus.Core.Execution;

/// <summary>
/// A sandbox that runs at most as many programs at once as the <see cref="ExecutionSlots"/> allows, each as its slot's
/// own user.
/// </summary>
internal sealed class QueuedSandbox(BubblewrapSandbox inner, ExecutionSlots queue) : ICodeSandbox
{
    public Task<string?> CheckAsync(CancellationToken cancellationToken) => inner.CheckAsync(cancellationToken);

    public async Task<ExecutionResult> RunAsync(string workDirectory, string scriptFile, SandboxInputs inputs, Action<OutputLine> onOutput, CancellationToken cancellationToken)
    {
        ExecutionSlot slot;
        try
        {
            slot = await queue.EnterAsync(Path.GetFullPath(workDirectory), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped while waiting: it never ran, which the pipeline reports like any other stop.
            return new ExecutionResult(-1, TimeSpan.Zero, null, Stopped: true);
        }
        using (slot)
        {
            return await inner.RunAsync(workDirectory, scriptFile, inputs, slot.Index, onOutput, cancellationToken);
        }
    }
}
