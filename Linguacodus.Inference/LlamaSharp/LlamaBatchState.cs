namespace Linguacodus.Inference.LlamaSharp;

/// <summary>
/// What <see cref="LlamaBatchScheduler"/>'s decode loop last published: its queue and batch now, the most of each so
/// far, and the decode steps it has run. Each value is exact, as the loop saw it, so nothing between polls is missed.
/// </summary>
/// <param name="Waiting">Sequences waiting for room in the context.</param>
/// <param name="Active">Sequences in the batch.</param>
/// <param name="MostWaiting">The longest the queue has been.</param>
/// <param name="MostActive">The most sequences decoded together.</param>
/// <param name="Steps">Batch decodes run (one token for every active sequence each).</param>
internal sealed record LlamaBatchState(int Waiting, int Active, int MostWaiting, int MostActive, long Steps)
{
    public static LlamaBatchState Idle { get; } = new(0, 0, 0, 0, 0);
}
