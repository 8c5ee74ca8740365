using Linguacodus.Core.Persistence;
using Linguacodus.Core.Runs;
using Microsoft.AspNetCore.Components;

namespace Linguacodus.Web.Components.Pages.History;

/// <summary>
/// Every run, newest first, with two actions per run: delete it (after a confirmation; a run in progress is
/// refused), and try it again: a new run that reuses the plan and writes the code from a chosen candidate.
/// </summary>
public sealed partial class HistoryPage
{
    private const int RunPipelineCandidates = RunPipeline.CandidateCount;

    private static readonly string ActiveStatus = RunSnapshot.TextOf(RunStatus.Executing);

    /// <summary>The status words this version writes; anything else in the database (a newer version's, a damaged row) is labelled as unknown.</summary>
    private static readonly HashSet<string> KnownStatuses = [.. Enum.GetValues<RunStatus>().Select(RunSnapshot.TextOf)];

    private IReadOnlyList<RunSummary>? _runs;
    private Guid? _confirmDelete;
    private Guid? _duplicating;
    private bool _busy;
    private string? _error;

    [Inject]
    private RunService Runs { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ILogger<HistoryPage> Logger { get; set; } = default!;

    protected override async Task OnInitializedAsync() => _runs = await Runs.ListAsync();

    internal static string StatusLabel(string status) => KnownStatuses.Contains(status) ? status : $"unknown status ({status})";

    private static string StatusClass(string status) => KnownStatuses.Contains(status) ? status.Replace(' ', '-') : "unknown";

    private void OfferDelete(Guid id)
    {
        (_confirmDelete, _duplicating, _error) = (id, null, null);
    }

    private void OfferDuplicate(Guid id)
    {
        (_duplicating, _confirmDelete, _error) = (id, null, null);
    }

    private Task DeleteAsync(Guid id) => ActAsync("Deleting the run", async () =>
    {
        await Runs.DeleteAsync(id);
        _runs = await Runs.ListAsync();
    });

    private Task DuplicateAsync(Guid id, int index) => ActAsync("Trying the run again", async () =>
    {
        var copy = await Runs.DuplicateAsync(id, index);
        Navigation.NavigateTo($"runs/{copy}");
    });

    private async Task ActAsync(string what, Func<Task> action)
    {
        _busy = true;
        _error = null;
        try
        {
            await action();
        }
        catch (Exception error) when (error is InvalidOperationException or KeyNotFoundException or IOException or UnauthorizedAccessException)
        {
            Logger.LogInformation(error, "{Action} was refused", what);
            _error = $"{what} did not work: {error.Message}";
            _runs = await Runs.ListAsync();
        }
        finally
        {
            (_busy, _confirmDelete, _duplicating) = (false, null, null);
        }
    }
}
