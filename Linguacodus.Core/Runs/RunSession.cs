using System.Diagnostics;
using Linguacodus.Core.Artifacts;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Persistence;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Core.Runs;

/// <summary>
/// One run while it lives in this process: applies the pipeline's updates to the snapshot, tells subscribers,
/// saves at every finished step (and every few seconds while a step streams), and writes the artifacts.
/// </summary>
public sealed class RunSession : IDisposable
{
    private static readonly TimeSpan SaveInterval = TimeSpan.FromSeconds(2);
    private readonly RunPipeline _pipeline;
    private readonly RunStore _store;
    private readonly SemaphoreSlim _busy = new(1, 1);
    private readonly object _gate = new();
    private CancellationTokenSource? _operation;

    public RunSession(RunSnapshot run, string folder, TaskFolder task, RunPipeline pipeline, RunStore store)
    {
        Run = run;
        Folder = folder;
        Task = task;
        _pipeline = pipeline;
        _store = store;
    }

    public RunSnapshot Run { get; private set; }

    /// <summary>The run's folder: task/ (its data), work/ (the sandbox), and the artifacts.</summary>
    public string Folder { get; }

    public TaskFolder Task { get; }

    /// <summary>Raised after each update is applied, on the thread running the step.</summary>
    public event Action<RunUpdate>? Updated;

    public bool IsBusy => _busy.CurrentCount == 0;

    /// <summary>Copies a task folder into a new run folder, so the run keeps its own data whatever happens to the source.</summary>
    public static TaskFolder ImportTask(string sourceDirectory, string runFolder)
    {
        var source = TaskFolder.Load(sourceDirectory);
        var target = Directory.CreateDirectory(Path.Combine(runFolder, "task")).FullName;
        foreach (var file in Directory.EnumerateFiles(source.Directory).Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || Path.GetFileName(f) == "task.json"))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }
        return TaskFolder.Load(target);
    }

    public Task PlanAsync(string? targetOverride, CancellationToken cancellationToken) =>
        OperateAsync(token => _pipeline.PlanAsync(Task, targetOverride, token), cancellationToken);

    /// <summary>Takes candidate 1-3, or 0 for the agents' improved instruction, optionally as edited by the analyst.</summary>
    public Task ChooseAsync(int index, string? editedInstruction, CancellationToken cancellationToken)
    {
        var instruction = editedInstruction ?? (index == 0 ? Run.Verdict?.ImprovedInstruction : Run.Candidates.ElementAtOrDefault(index - 1))
            ?? throw new InvalidOperationException($"There is no candidate {index} to choose.");
        var profile = Run.Profile ?? throw new InvalidOperationException("The data has not been profiled yet.");
        return OperateAsync(token => Prepend(new RunUpdate.InstructionChosen(index, instruction),
            _pipeline.BuildAsync(Task, profile, instruction, Folder, token)), cancellationToken);
    }

    /// <summary>Runs the analyst's edited stages (with the fix loop).</summary>
    public Task RunEditedAsync(IReadOnlyDictionary<CodeStage, string> stages, CancellationToken cancellationToken)
    {
        var profile = Run.Profile ?? throw new InvalidOperationException("The data has not been profiled yet.");
        var instruction = Run.ChosenInstruction ?? throw new InvalidOperationException("Choose an instruction first.");
        var edits = stages.Where(s => Run.Stages.GetValueOrDefault(s.Key) != s.Value)
            .Select(s => (RunUpdate)new RunUpdate.StageReplaced(s.Key, s.Value)).ToList();
        return OperateAsync(token => Prepend(edits, _pipeline.ExecuteAsync(Task, profile, instruction, stages, Folder, "edit", token)), cancellationToken);
    }

    /// <summary>Stops the step in progress; the run keeps what it has.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _operation?.Cancel();
        }
    }

    private async Task OperateAsync(Func<CancellationToken, IAsyncEnumerable<RunUpdate>> step, CancellationToken cancellationToken)
    {
        if (!await _busy.WaitAsync(0, cancellationToken))
        {
            throw new InvalidOperationException("This run is busy; stop it or wait for the current step to finish.");
        }
        using var operation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        lock (_gate)
        {
            _operation = operation;
        }
        var lastSave = Stopwatch.StartNew();
        try
        {
            await foreach (var update in step(operation.Token).WithCancellation(operation.Token))
            {
                await ApplyAsync(update, lastSave);
            }
        }
        catch (OperationCanceledException) when (operation.IsCancellationRequested)
        {
            await ApplyAsync(new RunUpdate.StatusChanged(RunStatus.Stopped, "Stopped"), lastSave);
        }
        catch (Exception error) when (error is TaskFolderException or IOException or InvalidOperationException or FormatException)
        {
            await ApplyAsync(new RunUpdate.StatusChanged(RunStatus.Failed, error.Message), lastSave);
        }
        finally
        {
            lock (_gate)
            {
                _operation = null;
            }
            if (Run.IsActive)
            {
                await ApplyAsync(new RunUpdate.StatusChanged(RunStatus.Failed, "The step ended unexpectedly."), lastSave);
            }
            await WriteReportAsync();
            _busy.Release();
            // Only now is the step's report on disk and the run ready for the next action.
            Updated?.Invoke(new RunUpdate.StepSettled());
        }
    }

    private async Task ApplyAsync(RunUpdate update, Stopwatch lastSave)
    {
        Run = update.ApplyTo(Run);
        Updated?.Invoke(update);
        if (update.IsCheckpoint || lastSave.Elapsed > SaveInterval)
        {
            await _store.SaveAsync(Run, Folder, CancellationToken.None);
            lastSave.Restart();
        }
    }

    /// <summary>run.json always; the notebook once code exists.</summary>
    private async Task WriteReportAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(Folder, "run.json"), RunJson.Serialize(Run));
        if (Run.Stages.Count > 0)
        {
            await File.WriteAllTextAsync(Path.Combine(Folder, "solution.ipynb"), NotebookWriter.Write(Run, Run.Attempts.LastOrDefault()));
        }
        await _store.SaveAsync(Run, Folder, CancellationToken.None);
    }

    private static async IAsyncEnumerable<RunUpdate> Prepend(RunUpdate first, IAsyncEnumerable<RunUpdate> rest)
    {
        yield return first;
        await foreach (var update in rest)
        {
            yield return update;
        }
    }

    private static async IAsyncEnumerable<RunUpdate> Prepend(IEnumerable<RunUpdate> first, IAsyncEnumerable<RunUpdate> rest)
    {
        foreach (var update in first)
        {
            yield return update;
        }
        await foreach (var update in rest)
        {
            yield return update;
        }
    }

    public void Dispose()
    {
        Stop();
        _busy.Dispose();
    }
}
