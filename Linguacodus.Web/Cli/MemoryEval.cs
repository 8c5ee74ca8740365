using System.CommandLine;
using Linguacodus.Core.Memory;
using Linguacodus.Core.Runs;
using Microsoft.Data.Sqlite;
using Passes = Linguacodus.Web.EvalRow.Passes;

namespace Linguacodus.Web.Cli;

/// <summary>
/// `eval --memory-from`: measures what the memory of solved cases changes. The tasks are solved once in an empty
/// data folder with the memory off, and once in another that first remembered the other folder's tasks (each
/// solved with --choice best, so its case knows which family scored best); in that pass nothing is remembered, so
/// no task learns from a task it is measured beside. The user's own data folder is never opened.
/// </summary>
internal static class MemoryEval
{
    public static async Task<int> RunAsync(
        ParseResult parsed, RunFlags flags, (DirectoryInfo Root, IReadOnlyList<string> Tasks) measured, DirectoryInfo memoryFolder,
        bool keepData, string outRoot, CancellationToken cancellationToken)
    {
        if (EvalCommand.TaskFolders(memoryFolder, out var memoryTasks) is { } missing)
        {
            return CliRoot.Fail($"--memory-from {missing}");
        }
        if (Overlap(measured.Root, measured.Tasks, memoryFolder, memoryTasks) is { } overlap)
        {
            return CliRoot.Fail(overlap);
        }
        var choice = parsed.GetRequiredValue(flags.Choice);
        var data = keepData ? Directory.CreateDirectory(Path.Combine(outRoot, "data")) : Directory.CreateTempSubdirectory("linguacodus-eval-memory-");
        try
        {
            var root = measured.Root.FullName;
            List<EvalRow> without, remembered, with;
            int cases;
            await using (var services = await BuildAsync(parsed, flags, Fresh(data, Passes.Without), remember: false, retrieve: false, cancellationToken))
            {
                without = await EvalCommand.SolveAllAsync(
                    flags.Solver(parsed, services), root, measured.Tasks, Path.Combine(outRoot, Passes.Without), choice, Passes.Without, cancellationToken);
            }
            var withData = Fresh(data, Passes.With);
            await using (var services = await BuildAsync(parsed, flags, withData, remember: true, retrieve: false, cancellationToken))
            {
                remembered = await EvalCommand.SolveAllAsync(
                    flags.Solver(parsed, services), memoryFolder.FullName, memoryTasks, Path.Combine(outRoot, Passes.Memory), SolveChoice.Best, Passes.Memory, cancellationToken);
            }
            await using (var services = await BuildAsync(parsed, flags, withData, remember: false, retrieve: true, cancellationToken))
            {
                cases = (await services.GetRequiredService<CaseMemory>().ListAsync(cancellationToken)).Count;
                with = await EvalCommand.SolveAllAsync(
                    flags.Solver(parsed, services), root, measured.Tasks, Path.Combine(outRoot, Passes.With), choice, Passes.With, cancellationToken);
            }
            Console.WriteLine(EvalRow.SideBySide(without, with));
            Console.WriteLine(EvalRow.Changes(without, with, cases));
            await EvalCommand.WriteJsonAsync(outRoot, [.. without, .. with, .. remembered], cancellationToken);
            return without.Concat(with).All(r => r.ValidSubmission) ? 0 : 1;
        }
        finally
        {
            if (!keepData)
            {
                // Pooled connections keep the databases open; the folder goes whole.
                SqliteConnection.ClearAllPools();
                data.Delete(recursive: true);
            }
        }
    }

    /// <summary>Why the two folders cannot be compared: the same folder, a task name in both, or the same task under two names.</summary>
    internal static string? Overlap(DirectoryInfo measured, IReadOnlyList<string> tasks, DirectoryInfo memory, IReadOnlyList<string> memoryTasks)
    {
        if (Real(measured) == Real(memory))
        {
            return $"--memory-from {memory} is the folder being evaluated; give a folder of other tasks.";
        }
        var shared = tasks.Select(Path.GetFileName).Intersect(memoryTasks.Select(Path.GetFileName)).ToList();
        if (shared.Count > 0)
        {
            return $"--memory-from {memory} holds tasks of {measured} too ({string.Join(", ", shared)}); the two folders must hold different tasks.";
        }
        var descriptions = memoryTasks.ToLookup(t => File.ReadAllText(Path.Combine(t, "task.json")));
        var copy = tasks.Select(t => (Task: t, Twin: descriptions[File.ReadAllText(Path.Combine(t, "task.json"))].FirstOrDefault())).FirstOrDefault(p => p.Twin is not null);
        return copy.Twin is { } twin
            ? $"--memory-from: {twin} is the same task as {copy.Task} (the same task.json); the two folders must hold different tasks."
            : null;
    }

    private static string Real(DirectoryInfo folder) =>
        Path.TrimEndingDirectorySeparator(folder.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? folder.FullName);

    /// <summary>An empty data folder for one pass; one left by an earlier eval under the same --out is emptied, or its cases would count.</summary>
    private static string Fresh(DirectoryInfo data, string pass)
    {
        var folder = Path.Combine(data.FullName, pass);
        if (Directory.Exists(folder))
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
        return Directory.CreateDirectory(folder).FullName;
    }

    private static Task<ServiceProvider> BuildAsync(
        ParseResult parsed, RunFlags flags, string dataDirectory, bool remember, bool retrieve, CancellationToken cancellationToken) =>
        CliServices.BuildAsync(flags.Settings(parsed).DataDirectory(dataDirectory).Memory(remember, retrieve), cancellationToken);
}
