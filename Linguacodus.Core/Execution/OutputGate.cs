namespace Linguacodus.Core.Execution;

/// <summary>
/// Passes a program's lines on live up to a budget; past it, only the last <see cref="TailLines"/> of each stream are
/// kept (the rest counted), to be passed on with a note when the program ends: the end of stdout (a score line) and
/// of stderr (a traceback) is what a run needs most. However much a program prints, what leaves the sandbox is
/// bounded, so nothing downstream can be flooded. Thread-safe: stdout and stderr share one budget.
/// </summary>
internal sealed class OutputGate(int maxLines, Action<OutputLine> forward)
{
    public const int TailLines = 200;
    private readonly object _gate = new();
    private readonly Queue<OutputLine> _outTail = new();
    private readonly Queue<OutputLine> _errorTail = new();
    private int _passed;
    private long _skipped;

    public void Receive(OutputLine line)
    {
        lock (_gate)
        {
            if (_passed < maxLines)
            {
                _passed++;
                forward(line);
                if (_passed == maxLines)
                {
                    forward(new OutputLine($"[linguacodus] the program has printed {maxLines:N0} lines; further output is not shown live, only the last {TailLines} lines of each stream once it ends", false, line.Cell));
                }
                return;
            }
            var tail = line.IsError ? _errorTail : _outTail;
            tail.Enqueue(line);
            if (tail.Count > TailLines)
            {
                tail.Dequeue();
                _skipped++;
            }
        }
    }

    /// <summary>Passes on the held-back tails, after a note saying how many lines were left out.</summary>
    public void Finish()
    {
        lock (_gate)
        {
            if (_skipped > 0)
            {
                var cell = _outTail.Count > 0 ? _outTail.Peek().Cell : _errorTail.Count > 0 ? _errorTail.Peek().Cell : 0;
                forward(new OutputLine($"[linguacodus] output truncated: {_skipped:N0} lines not shown", false, cell));
            }
            foreach (var tail in new[] { _outTail, _errorTail })
            {
                while (tail.TryDequeue(out var line))
                {
                    forward(line);
                }
            }
        }
    }
}
