using Linguacodus.Core.Engine;
using Linguacodus.Core.Engine.Baseline;
using Linguacodus.Core.Runs;
using Linguacodus.Core.Tasks;
using Linguacodus.Web.Components.Shared;
using Linguacodus.Web.Runs;
using Microsoft.AspNetCore.Components;

namespace Linguacodus.Web.Components.Pages.Run;

/// <summary>
/// One run, live. The run itself lives in <see cref="RunService"/> (it survives this page, other tabs watch it too);
/// the page subscribes to its updates, which arrive on the run's background thread, and re-renders at most every
/// <see cref="RenderInterval"/> from the latest immutable snapshot.
/// </summary>
public sealed partial class RunPage : IDisposable
{
    /// <summary>Streaming code and logs arrive in many small updates; one render per interval shows them all.</summary>
    internal static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(100);

    private const int CandidateCount = RunPipeline.CandidateCount;

    private readonly CodeEditorGroup _editors = new();
    private readonly CancellationTokenSource _disposed = new();
    private RunSession? _session;
    private RunSnapshot? _run;
    private Guid _loadedId;
    private bool _loading = true;
    private int _renderPending;
    private bool _stopping;
    private bool _acting;
    private string? _actionError;
    private IReadOnlyList<string> _plots = [];
    private (IReadOnlyList<AttemptRecord>? Attempts, bool Active) _plotsFor;
    private IReadOnlyDictionary<int, IReadOnlyList<string>> _branchPlots = new Dictionary<int, IReadOnlyList<string>>();
    private IReadOnlyList<BranchResult>? _branchPlotsFor;

    [Parameter]
    public Guid Id { get; set; }

    [Inject]
    private RunService Runs { get; set; } = default!;

    [Inject]
    private ILogger<RunPage> Logger { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>
    /// The step has ended and its session has written run.json, the notebook and the database: only then are the
    /// artifacts complete and the next action accepted. (The run's status turns idle a moment before that.)
    /// </summary>
    private bool Settled => _session is { IsBusy: false, Run.IsActive: false };

    /// <summary>A plan can be chosen once the agents are done, and again after the code has finished (it starts the code afresh).</summary>
    private bool CanChoose => !_acting && Settled && _run is { Profile: not null, IsActive: false, Candidates.Count: > 0 };

    private bool CanEditCode => !_acting && Settled && _run is { IsActive: false, ChosenInstruction: not null, Stages.Count: > 0 };

    /// <summary>Stages are written in order, so while coding the latest stage with text is the one streaming in.</summary>
    private CodeStage? WritingStage => _run is { Status: RunStatus.Coding, Stages.Count: > 0 } run ? run.Stages.Keys.Max() : null;

    protected override async Task OnParametersSetAsync()
    {
        if (_session is not null && _loadedId == Id)
        {
            return;
        }
        Detach();
        _loading = true;
        _loadedId = Id;
        _session = await Runs.SessionAsync(Id);
        if (_session is not null)
        {
            _session.Updated += OnUpdated;
            _run = _session.Run;
            RefreshPlots();
        }
        _loading = false;
    }

    /// <summary>Runs on the run's thread: only notes that a render is due, and schedules one if none is pending.</summary>
    private void OnUpdated(RunUpdate update)
    {
        if (Interlocked.Exchange(ref _renderPending, 1) == 0)
        {
            _ = RenderSoonAsync();
        }
    }

    private async Task RenderSoonAsync()
    {
        try
        {
            await Task.Delay(RenderInterval, _disposed.Token);
            // Cleared before the snapshot is read, so an update arriving from here on schedules the next render.
            Volatile.Write(ref _renderPending, 0);
            await InvokeAsync(Refresh);
        }
        catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException)
        {
            // The page has gone.
        }
        catch (Exception error)
        {
            await DispatchExceptionAsync(error);
        }
    }

    private void Refresh()
    {
        if (_session is not null)
        {
            _run = _session.Run;
            RefreshPlots();
            StateHasChanged();
        }
    }

    /// <summary>
    /// Lists the images the latest program saved, once per finished set of attempts: while a program runs its folder
    /// changes under it (and the endpoint serves nothing), so the list is taken when the run is idle.
    /// </summary>
    private void RefreshPlots()
    {
        if (_session is null || _run is null)
        {
            return;
        }
        RefreshBranchPlots();
        var key = (_run.Attempts, _run.IsActive);
        if (key.Attempts == _plotsFor.Attempts && key.IsActive == _plotsFor.Active)
        {
            return;
        }
        _plotsFor = key;
        _plots = _run.IsActive || _run.Attempts.Count == 0 ? [] : RunPlots.List(_session.Layout);
    }

    /// <summary>The settled branches' diagnostics, listed once per change of the branches.</summary>
    private void RefreshBranchPlots()
    {
        if (_run!.Branches == _branchPlotsFor)
        {
            return;
        }
        _branchPlotsFor = _run.Branches;
        _branchPlots = _run.Branches.Where(b => b.Status != BranchStatus.Running).ToDictionary(
            b => b.Candidate,
            b => (IReadOnlyList<string>)[.. RunPlots.List(_session!.Layout.Branch(b.Candidate)).Where(n => n.StartsWith(Linguacodus.Core.Artifacts.NotebookImages.Prefix, StringComparison.Ordinal))]);
    }

    private Task ChooseAsync(int index) => ActAsync(
        index == 0 ? "Taking the agents' plan" : $"Taking candidate {index}",
        () => Runs.ChooseAsync(Id, index));

    /// <summary>The analyst's own version of a candidate; unchanged text is the candidate itself.</summary>
    private Task ChooseEditedAsync(CandidateEdit edit)
    {
        var edited = edit.Text == _run?.Candidates.ElementAtOrDefault(edit.Index - 1) ? null : edit.Text;
        return ActAsync(
            edited is null ? $"Taking candidate {edit.Index}" : $"Taking your version of candidate {edit.Index}",
            () => Runs.ChooseAsync(Id, edit.Index, edited));
    }

    private async Task RunCodeAsync()
    {
        var stages = new Dictionary<CodeStage, string>();
        foreach (var stage in CodeStages.All)
        {
            // An editor that is not up (yet) holds exactly the code it was given.
            stages[stage] = await _editors.ReadAsync(RunCodeStages.EditorId(stage)) ?? _run?.Stages.GetValueOrDefault(stage) ?? "";
        }
        await ActAsync("Running the edited code", () => Runs.RunEditedAsync(Id, stages));
    }

    /// <summary>The compared candidate whose code the run holds now, if the analyst promoted one.</summary>
    private static int? PromotedBranch(RunSnapshot run) => run.Branches
        .FirstOrDefault(b => b.Candidate == run.ChosenIndex && b.Stages.Count == run.Stages.Count && b.Stages.All(s => run.Stages.GetValueOrDefault(s.Key) == s.Value))
        ?.Candidate;

    private Task CompareAsync() => ActAsync("Comparing the candidates", () => Runs.CompareAsync(Id));

    private Task PromoteAsync(int candidate) => ActAsync($"Promoting candidate {candidate}", () => Runs.PromoteAsync(Id, candidate));

    /// <summary>The task again, as a new run, with what the analyst corrected; a correction that makes no task throws to the form.</summary>
    private async Task CorrectAsync(TaskHints hints)
    {
        var corrected = await Runs.CorrectAsync(Id, hints);
        Navigation.NavigateTo($"runs/{corrected}");
    }

    /// <summary>Continues a run a restart cut short, from its last finished step.</summary>
    private Task ResumeAsync() => ActAsync("Resuming the run", () => Runs.ResumeAsync(Id));

    private async Task StopAsync()
    {
        _stopping = true;
        try
        {
            await Runs.StopAsync(Id);
        }
        finally
        {
            _stopping = false;
        }
    }

    /// <summary>Starts a step of the run; the run reports its own progress through <see cref="OnUpdated"/>.</summary>
    private async Task ActAsync(string what, Func<Task> action)
    {
        _actionError = null;
        _acting = true;
        try
        {
            await action();
            Refresh();
        }
        catch (Exception error) when (error is InvalidOperationException or KeyNotFoundException)
        {
            Logger.LogInformation(error, "{Action} was refused for run {RunId}", what, Id);
            _actionError = $"{what} did not work: {error.Message}";
        }
        finally
        {
            _acting = false;
        }
    }

    internal static string MetricLabel(RunSnapshot run) => MetricLabel(run.Task.Metric);

    /// <summary>A metric as analysts write it (ROC AUC, RMSE), for a run or a remembered case.</summary>
    internal static string MetricLabel(Metric metric) => metric switch
    {
        { Kind: MetricKind.RocAuc } => "ROC AUC",
        { Kind: MetricKind.F1 } => "F1",
        { Kind: MetricKind.LogLoss } => "log loss",
        { Kind: MetricKind.Rmse } => "RMSE",
        { Kind: MetricKind.Mae } => "MAE",
        { Kind: MetricKind.R2 } => "R²",
        { Kind: MetricKind.MeanColumnwiseRmse } => "MCRMSE",
        { Kind: MetricKind.Rmsle } => "RMSLE",
        { Kind: MetricKind.QuadraticWeightedKappa } => "QWK",
        { Kind: MetricKind.MulticlassLogLoss } => "multiclass log loss",
        { Kind: MetricKind.MacroF1 } => "macro F1",
        { Kind: MetricKind.MicroF1 } => "micro F1",
        { Kind: MetricKind.MeanColumnwiseRocAuc } => "mean column-wise ROC AUC",
        { Kind: MetricKind.MapAtK } => metric.Name.ToUpperInvariant(),
        _ => metric.Name,
    };

    private static string ScoreNote(RunSnapshot run) => run.ValidationScore is not { } score
        ? "Scored on held-out training rows once the program has run."
        : $"{score:0.######} on held-out training rows" + (run.Task.Metric.HigherIsBetter ? "; higher is better." : "; lower is better.");

    private static string EngineLabel(string engine) =>
        engine.Equals(BaselineEngine.Name, StringComparison.OrdinalIgnoreCase) ? "baseline engine (no LLM)" : $"{engine} engine";

    private static string EngineNote(string engine) =>
        engine.Equals(BaselineEngine.Name, StringComparison.OrdinalIgnoreCase)
            ? "Plans, verdict and code come from Linguacodus's built-in rules over the data profile, not from a language model."
            : "Plans, verdict and code come from a language model.";

    private void Detach()
    {
        if (_session is not null)
        {
            _session.Updated -= OnUpdated;
            _session = null;
        }
        _run = null;
    }

    public void Dispose()
    {
        Detach();
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
