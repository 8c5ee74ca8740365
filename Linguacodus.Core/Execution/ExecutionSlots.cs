using Microsoft.Extensions.Options;

namespace Linguacodus.Core.Execution;

/// <summary>
/// At most <see cref="ExecutionOptions.MaxConcurrentRuns"/> programs run at once; the others wait first come, first
/// served, and are told their place whenever it changes.
/// </summary>
public sealed class ExecutionSlots(IOptions<ExecutionOptions> options)
{
    private readonly object _gate = new();
    private readonly LinkedList<Waiter> _waiting = new();
    private int _running;
    private int _peak;

    /// <summary>
    /// A waiting program's place changed: its work folder and its 1-based place in the queue, or 0 when its turn has
    /// come. Raised outside the queue's lock, on the thread that changed the queue; handlers must be quick.
    /// </summary>
    public event Action<string, int>? PositionChanged;

    public int Capacity => options.Value.MaxConcurrentRuns;

    public int Running
    {
        get
        {
            lock (_gate)
            {
                return _running;
            }
        }
    }

    /// <summary>The most programs that ran at once since start: what a test of the limit reads, instead of sampling <see cref="Running"/>.</summary>
    public int PeakRunning
    {
        get
        {
            lock (_gate)
            {
                return _peak;
            }
        }
    }

    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>Waits for a free slot for the program in <paramref name="workDirectory"/>; dispose the result to free it.</summary>
    public async Task<IDisposable> EnterAsync(string workDirectory, CancellationToken cancellationToken)
    {
        Waiter waiter;
        LinkedListNode<Waiter> node;
        List<(string, int)> moved;
        lock (_gate)
        {
            if (_running < Capacity && _waiting.Count == 0)
            {
                _peak = Math.Max(_peak, ++_running);
                return new Slot(this);
            }
            waiter = new Waiter(workDirectory);
            node = _waiting.AddLast(waiter);
            moved = [(workDirectory, _waiting.Count)];
        }
        Notify(moved);
        using (cancellationToken.Register(() => Leave(node)))
        {
            await waiter.Turn.Task;
        }
        return new Slot(this);
    }

    private void Leave(LinkedListNode<Waiter> node)
    {
        List<(string, int)> moved;
        lock (_gate)
        {
            if (node.List is null)
            {
                // Its turn came first; the slot it got is released by the caller's Slot.
                return;
            }
            _waiting.Remove(node);
            moved = Positions();
        }
        node.Value.Turn.TrySetCanceled();
        Notify(moved);
    }

    private void Release()
    {
        List<(string, int)> moved;
        Waiter? next = null;
        lock (_gate)
        {
            _running--;
            if (_waiting.First is { } first && _running < Capacity)
            {
                _waiting.RemoveFirst();
                _peak = Math.Max(_peak, ++_running);
                next = first.Value;
            }
            moved = Positions();
            if (next is not null)
            {
                moved.Insert(0, (next.WorkDirectory, 0));
            }
        }
        next?.Turn.TrySetResult();
        Notify(moved);
    }

    private List<(string, int)> Positions() => [.. _waiting.Select((w, i) => (w.WorkDirectory, i + 1))];

    private void Notify(List<(string WorkDirectory, int Position)> moved)
    {
        foreach (var (work, position) in moved)
        {
            PositionChanged?.Invoke(work, position);
        }
    }

    private sealed class Waiter(string workDirectory)
    {
        public string WorkDirectory { get; } = workDirectory;

        public TaskCompletionSource Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Slot(ExecutionSlots queue) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                queue.Release();
            }
        }
    }
}
