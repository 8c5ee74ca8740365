using Microsoft.Extensions.Options;

namespace Linguacodus.Core.Execution;

/// <summary>
/// At most <see cref="ExecutionOptions.MaxConcurrentRuns"/> programs run at once on the machine, counted across every
/// app process that shares <see cref="ExecutionOptions.SlotsDirectory"/> (the web app and the command line). The
/// waiters of one process go first come, first served, and are told their place whenever it changes.
/// </summary>
/// <remarks>
/// Slot i is held by an exclusive lock on the file slot-(i+1).lock in that folder. The kernel drops the lock when its
/// holder ends, however it ends, so a killed process never keeps a slot. A slot freed in another process makes no
/// event here: while programs wait, the free slots are tried again every <see cref="RetryInterval"/>.
/// </remarks>
public sealed class ExecutionSlots : IDisposable
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(250);
    private readonly object _gate = new();
    // Held from working out a change of places until its news is told, so the news is told in the order of the changes.
    private readonly object _news = new();
    private readonly LinkedList<Waiter> _waiting = new();
    private readonly FileStream?[] _held;
    private readonly string _directory;
    private readonly Timer _retry;
    private int _peak;

    public ExecutionSlots(IOptions<ExecutionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = options.Value.SlotsDirectory;
        if (string.IsNullOrWhiteSpace(directory))
        {
            throw new ArgumentException("Execution:SlotsDirectory is not set.", nameof(options));
        }
        _directory = Directory.CreateDirectory(directory).FullName;
        _held = new FileStream?[options.Value.MaxConcurrentRuns];
        _retry = new Timer(_ => Pump());
    }

    /// <summary>
    /// A waiting program's place changed: its work folder and its 1-based place in this process's queue, or 0 when its
    /// turn has come. Raised outside the queue's lock, on the thread that changed the queue, in the order of the changes;
    /// handlers must be quick.
    /// </summary>
    public event Action<string, int>? PositionChanged;

    public int Capacity => _held.Length;

    /// <summary>Programs of this process that hold a slot.</summary>
    public int Running
    {
        get
        {
            lock (_gate)
            {
                return _held.Count(h => h is not null);
            }
        }
    }

    /// <summary>
    /// Slots in use on the machine, this process's and every other's: what an analyst waiting for one wants to know.
    /// A slot of another process is seen by trying its lock, so this is a moment's view.
    /// </summary>
    public int RunningMachineWide
    {
        get
        {
            lock (_gate)
            {
                var inUse = 0;
                for (var index = 0; index < _held.Length; index++)
                {
                    if (_held[index] is not null)
                    {
                        inUse++;
                        continue;
                    }
                    using var free = TryLock(index);
                    if (free is null)
                    {
                        inUse++;
                    }
                }
                return inUse;
            }
        }
    }

    /// <summary>The most programs of this process that ran at once since start: what a test of the limit reads, instead of sampling <see cref="Running"/>.</summary>
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

    /// <summary>Programs of this process that wait for a slot.</summary>
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
    public async Task<ExecutionSlot> EnterAsync(string workDirectory, CancellationToken cancellationToken)
    {
        var waiter = new Waiter(workDirectory);
        LinkedListNode<Waiter> node;
        List<(string, int)> moved;
        lock (_news)
        {
            lock (_gate)
            {
                if (_waiting.Count == 0 && TryTake() is { } index)
                {
                    return new ExecutionSlot(this, index);
                }
                node = _waiting.AddLast(waiter);
                moved = [(workDirectory, _waiting.Count)];
                if (_waiting.Count == 1)
                {
                    _retry.Change(RetryInterval, RetryInterval);
                }
            }
            Notify(moved);
        }
        using (cancellationToken.Register(() => Leave(node)))
        {
            return new ExecutionSlot(this, await waiter.Turn.Task);
        }
    }

    public void Dispose() => _retry.Dispose();

    internal void Release(int index)
    {
        lock (_gate)
        {
            _held[index]?.Dispose();
            _held[index] = null;
        }
        Pump();
    }

    /// <summary>Gives free slots to the waiters, first come first served.</summary>
    private void Pump()
    {
        var turns = new List<(Waiter, int)>();
        lock (_news)
        {
            List<(string, int)> moved;
            lock (_gate)
            {
                while (_waiting.First is { } first && TryTake() is { } index)
                {
                    _waiting.RemoveFirst();
                    turns.Add((first.Value, index));
                }
                if (turns.Count == 0)
                {
                    return;
                }
                if (_waiting.Count == 0)
                {
                    _retry.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                }
                moved = [.. turns.Select(t => (t.Item1.WorkDirectory, 0)), .. Positions()];
            }
            Notify(moved);
        }
        foreach (var (waiter, index) in turns)
        {
            waiter.Turn.TrySetResult(index);
        }
    }

    private void Leave(LinkedListNode<Waiter> node)
    {
        lock (_news)
        {
            List<(string, int)> moved;
            lock (_gate)
            {
                if (node.List is null)
                {
                    // Its turn came first; the slot it got is released by the caller's ExecutionSlot.
                    return;
                }
                _waiting.Remove(node);
                moved = Positions();
            }
            Notify(moved);
        }
        node.Value.Turn.TrySetCanceled();
    }

    /// <summary>Locks the first slot free on the machine; call under the gate.</summary>
    private int? TryTake()
    {
        for (var index = 0; index < _held.Length; index++)
        {
            if (_held[index] is not null)
            {
                continue;
            }
            _held[index] = TryLock(index);
            if (_held[index] is not null)
            {
                _peak = Math.Max(_peak, _held.Count(h => h is not null));
                return index;
            }
        }
        return null;
    }

    /// <summary>An exclusive lock on the slot's file (flock on Linux), or null while any process holds it.</summary>
    private FileStream? TryLock(int index)
    {
        try
        {
            return new FileStream(Path.Combine(_directory, $"slot-{index + 1}.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
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

        /// <summary>Completes with the index of the slot taken for it.</summary>
        public TaskCompletionSource<int> Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
