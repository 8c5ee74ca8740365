using Linguacodus.Core.Engine;
using Linguacodus.Core.Execution;
using Linguacodus.Core.Runs;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Benchmarks;

/// <summary>Runs shaped like real ones: three candidates, a chosen instruction, four code stages, one attempt.</summary>
internal static class Snapshots
{
    public static RunSnapshot Start() => RunSnapshot.Start(
        Guid.NewGuid(),
        new MlTask("Churn", "Predict whether a customer churns.", "tabular", "roc", "train.csv - id, 18 features, churned.", "id,churned"),
        "baseline");

    /// <summary>A finished run whose attempt printed <paramref name="outputLines"/> lines of about 100 characters.</summary>
    public static RunSnapshot Finished(int outputLines)
    {
        var instruction = string.Join(' ', Enumerable.Repeat("Impute the gaps with the median, one-hot the categories and fit gradient boosting.", 20));
        var code = string.Join('\n', Enumerable.Range(0, 60).Select(i => $"feature_{i} = frame['f{i % 15 + 1}'].fillna(frame['f{i % 15 + 1}'].median())"));
        var updates = new List<RunUpdate>
        {
            new RunUpdate.CandidateText(1, instruction),
            new RunUpdate.CandidateText(2, instruction),
            new RunUpdate.CandidateText(3, instruction),
            new RunUpdate.InstructionChosen(1, instruction),
        };
        updates.AddRange(Enum.GetValues<CodeStage>().Select(s => new RunUpdate.StageReplaced(s, code)));
        updates.Add(new RunUpdate.AttemptStarted(1, AttemptTrigger.Generated));
        updates.AddRange(Enumerable.Range(0, outputLines).Select(i => new RunUpdate.OutputReceived(
            new OutputLine($"[{i:D5}] epoch {i / 100} batch {i % 100}: loss 0.{i:D4}, validation roc 0.8{i % 10}, learning rate 0.001", false, 1))));
        updates.Add(new RunUpdate.AttemptFinished(0, null, 0.87, TimeSpan.FromSeconds(42)));
        updates.Add(new RunUpdate.StatusChanged(RunStatus.Succeeded));
        return updates.Aggregate(Start(), (run, update) => update.ApplyTo(run));
    }
}
