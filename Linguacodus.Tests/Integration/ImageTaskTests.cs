using Linguacodus.Core.Artifacts;
using Linguacodus.Core.Persistence;
using Linguacodus.Core.Runs;
using Linguacodus.Tests.Infrastructure;

namespace Linguacodus.Tests.Integration;

/// <summary>The image example solved with real sandboxed Python after damaging some of its files.</summary>
public sealed class ImageTaskTests : IDisposable
{
    private readonly TestServices _services = new();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task Solve_DamagedAndMissingImages_WarnsAndPredictsThemWithTheMajorityClass()
    {
        var source = CopyExample();
        await File.WriteAllTextAsync(Path.Combine(source, "test_images", "img_1001.png"), "not a picture");
        File.Delete(Path.Combine(source, "train_images", "img_1000.png"));
        var folder = Path.Combine(_services.DataDirectory, "run");
        var (task, run) = await SolveAsync(source, folder);

        Assert.True(run.Status == RunStatus.Succeeded, $"{run.Status}: {run.Message}");
        Assert.Empty(run.SubmissionProblems);
        var output = string.Join("\n", run.Attempts.SelectMany(a => a.Log).Select(l => l.Text));
        Assert.Contains("warning: 1 train image(s) missing or unreadable, skipped in training: img_1000", output);
        Assert.Contains("warning: 1 test image(s) missing or unreadable, predicted with the majority class: img_1001", output);
        var submission = CsvTable.Read(Path.Combine(folder, "submission.csv"));
        var majority = File.ReadLines(Path.Combine(source, "train.csv")).Skip(1).Where(l => l != "img_1000,2")
            .GroupBy(l => l.Split(',')[1]).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
        Assert.Equal(majority, submission.Rows.Single(r => r[0] == "img_1001")[1]);
        var accuracy = SubmissionScorer.Score(Path.Combine(folder, "submission.csv"), Repository.Answers("digit-images"), task.Metric, "image_id");
        Assert.True(accuracy > 0.8, $"accuracy {accuracy}");
    }

    [Fact]
    public async Task Solve_TablesWithANumericColumnBesideTheImages_TakesItAsAFeatureBlanksIncluded()
    {
        var source = CopyExample();
        // A column a camera's metadata might give; blank in some rows of each table.
        var answers = File.ReadLines(Repository.Answers("digit-images")).Skip(1).Select(l => l.Split(',')).ToDictionary(p => p[0], p => p[1]);
        static string Hint(string label, int row) => row % 7 == 0 ? "" : label;
        var train = File.ReadAllLines(Path.Combine(source, "train.csv"));
        await File.WriteAllLinesAsync(Path.Combine(source, "train.csv"),
            [train[0] + ",stroke", .. train.Skip(1).Select((l, i) => $"{l},{Hint(l.Split(',')[1], i)}")]);
        var test = File.ReadAllLines(Path.Combine(source, "test.csv"));
        await File.WriteAllLinesAsync(Path.Combine(source, "test.csv"),
            [test[0] + ",stroke", .. test.Skip(1).Select((l, i) => $"{l},{Hint(answers[l], i)}")]);

        var folder = Path.Combine(_services.DataDirectory, "run");
        var (task, run) = await SolveAsync(source, folder);

        Assert.True(run.Status == RunStatus.Succeeded, $"{run.Status}: {run.Message}");
        Assert.Contains("TABLE_NUMERIC = [\"stroke\"]", run.Stages[Linguacodus.Core.Engine.CodeStage.Preprocessing], StringComparison.Ordinal);
        Assert.Contains(run.Attempts.Last().Log, l => l.Text.EndsWith("and 1 table column(s)", StringComparison.Ordinal));
        Assert.Empty(run.SubmissionProblems);
        var accuracy = SubmissionScorer.Score(Path.Combine(folder, "submission.csv"), Repository.Answers("digit-images"), task.Metric, "image_id");
        Assert.True(accuracy > 0.9, $"accuracy {accuracy}");
    }

    /// <summary>A copy of the image example to change before it is solved.</summary>
    private string CopyExample()
    {
        var source = Path.Combine(_services.DataDirectory, "source");
        foreach (var file in Directory.EnumerateFiles(Repository.Example("digit-images"), "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(source, Path.GetRelativePath(Repository.Example("digit-images"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        return source;
    }

    /// <summary>Plans and accepts the agents' choice with the baseline engine and real sandboxed Python.</summary>
    private async Task<(Linguacodus.Core.Tasks.TaskFolder Task, RunSnapshot Run)> SolveAsync(string source, string folder)
    {
        var task = new RunLayout(folder).ImportTask(source);
        using var session = new RunSession(RunSnapshot.Start(Guid.NewGuid(), task.Task, "baseline"), new RunLayout(folder), task, _services.Get<RunPipeline>(), _services.Get<RunStore>());
        await session.PlanAsync(null, CancellationToken.None);
        await session.ChooseAsync(0, null, CancellationToken.None);
        return (task, session.Run);
    }
}
