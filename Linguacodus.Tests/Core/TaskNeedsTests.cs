using Linguacodus.Core.Tasks;
using Linguacodus.Tests.Infrastructure;

namespace Linguacodus.Tests.Core;

public sealed class TaskNeedsTests
{
    private static readonly IReadOnlyList<MlTask> PaperTasks = TaskTable.Load(Path.Combine(Repository.Examples, "paper-tasks.csv"));

    [Fact]
    public void Of_EveryPaperTask_NeedsTheRowsToLearnFromAndTheRowsToPredict()
    {
        Assert.Equal(10, PaperTasks.Count);
        foreach (var task in PaperTasks)
        {
            var needs = TaskNeeds.Of(task);
            var required = needs.Where(n => !n.Optional).Select(n => n.Role).ToHashSet();
            Assert.True(required.Contains(FileRole.Data) || (required.Contains(FileRole.Train) && required.Contains(FileRole.Test)), task.Title);
        }
    }

    [Fact]
    public void Of_ImputationRow_NeedsOnlyItsDataFile()
    {
        var needs = TaskNeeds.Of(PaperTasks.Single(t => t.Title.StartsWith("Feature Imputation", StringComparison.Ordinal)));

        Assert.Equal([new ExpectedFile("data.csv", FileRole.Data, false)], needs);
    }

    [Fact]
    public void Of_CommonLitRow_NeedsItsFourTablesByName()
    {
        var needs = TaskNeeds.Of(PaperTasks.Single(t => t.Title.StartsWith("CommonLit", StringComparison.Ordinal)));

        Assert.Equal(["prompts_test.csv", "prompts_train.csv", "summaries_test.csv", "summaries_train.csv"], needs.Where(n => n.Role != FileRole.SampleSubmission).Select(n => n.Name).Order());
        Assert.Equal(2, needs.Count(n => n.Role == FileRole.Train));
    }

    [Fact]
    public void Of_ImageRow_NeedsAnImageFolder()
    {
        var needs = TaskNeeds.Of(PaperTasks.Single(t => t.DataType == "image"));

        Assert.Contains(needs, n => n.Role == FileRole.Images && !n.Optional);
    }

    [Fact]
    public void Of_TrainOnlyNamed_AddsTheTestTableAndAnOptionalSample()
    {
        var needs = TaskNeeds.Of(new MlTask("t", "Predict y.", "tabular", "rmse", "train.csv - the training set", ""));

        Assert.Equal(
            [new ExpectedFile("train.csv", FileRole.Train, false), new ExpectedFile("test.csv", FileRole.Test, false), new ExpectedFile("sample_submission.csv", FileRole.SampleSubmission, true)],
            needs);
    }
}
