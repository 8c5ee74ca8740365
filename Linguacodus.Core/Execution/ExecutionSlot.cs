namespace Linguacodus.Core.Execution;

/// <summary>One of the machine's execution slots, held until disposed; its index decides the user a program runs as.</summary>
public sealed class ExecutionSlot : IDisposable
{
    private readonly ExecutionSlots _slots;
    private int _released;

    internal ExecutionSlot(ExecutionSlots slots, int index)
    {
        _slots = slots;
        Index = index;
    }

    /// <summary>0 to <see cref="ExecutionSlots.Capacity"/> - 1.</summary>
    public int Index { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _slots.Release(Index);
        }
    }
}
