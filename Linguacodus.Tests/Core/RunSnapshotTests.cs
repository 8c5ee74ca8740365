using Linguacodus.Core.Engine;
using Linguacodus.Core.Execution;
using Linguacodus.Core.Runs;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Tests.Core;

public sealed class RunSnapshotTests
{
    private static readonly RunSnapshot Empty = RunSnapshot.Start(Guid.NewGuid(), new MlTask("t", "d", "tabular", "rmse", "", ""), "baseline");

    private static RunSnapshot Apply(params RunUpdate[] updates) => updates.Aggregate(Empty, (run, update) => update.ApplyTo(run));

    [Fact]
    public void Apply_CandidateDeltasInAnyOrder_BuildsEachCandidate()
    {
        var run = Apply(new RunUpdate.CandidateText(2, "b1"), new RunUpdate.CandidateText(1, "a1"), new RunUpdate.CandidateText(2, "b2"));

        Assert.Equal(["a1", "b1b2"], run.Candidates);
    }

    [Fact]
    public void Apply_NewChoice_ClearsTheOldCode()
    {
        var run = Apply(new RunUpdate.StageText(CodeStage.Training, "x"), new RunUpdate.InstructionChosen(2, "plan"));

        Assert.Empty(run.Stages);
        Assert.Equal(2, run.ChosenIndex);
    }

    [Fact]
    public void Apply_OutputFlood_KeepsHeadAndTailAndCountsTheRest()
    {
        var updates = new List<RunUpdate> { new RunUpdate.AttemptStarted(1, AttemptTrigger.Generated) };
        var total = AttemptRecord.LogHead + AttemptRecord.LogTail + 500;
        updates.AddRange(Enumerable.Range(0, total).Select(i => new RunUpdate.OutputReceived(new OutputLine($"line {i}", false, 1))));

        var attempt = Apply([.. updates]).Attempts.Single();

        Assert.Equal(AttemptRecord.LogHead + AttemptRecord.LogTail, attempt.Log.Count);
        Assert.Equal(500, attempt.LinesDropped);
        Assert.Equal("line 0", attempt.Log[0].Text);
        Assert.Equal($"line {total - 1}", attempt.Log[^1].Text);
    }

    [Fact]
    public void ValidationScore_ComesFromTheLastSuccessfulAttempt()
    {
        var run = Apply(
            new RunUpdate.AttemptStarted(1, AttemptTrigger.Generated), new RunUpdate.AttemptFinished(0, null, 0.8, TimeSpan.FromSeconds(1)),
            new RunUpdate.AttemptStarted(2, AttemptTrigger.Edit), new RunUpdate.AttemptFinished(1, "boom", null, TimeSpan.FromSeconds(1)));

        Assert.Equal(0.8, run.ValidationScore);
    }

    [Fact]
    public void StatusText_UsesTheWordsTheUiPromises()
    {
        Assert.Equal("running", Empty.StatusText);
        Assert.Equal("awaiting choice", Apply(new RunUpdate.StatusChanged(RunStatus.AwaitingChoice)).StatusText);
        Assert.Equal("stopped", Apply(new RunUpdate.StatusChanged(RunStatus.Stopped)).StatusText);
    }

    [Fact]
    public void RunJson_RoundTrip_KeepsTheSnapshot()
    {
        var run = Apply(new RunUpdate.CandidateText(1, "a"), new RunUpdate.StageText(CodeStage.Submission, "code"),
            new RunUpdate.AttemptStarted(1, AttemptTrigger.Generated), new RunUpdate.OutputReceived(new OutputLine("hi", true, 4)));

        var back = RunJson.Deserialize(RunJson.Serialize(run));

        Assert.Equal(RunJson.Serialize(run), RunJson.Serialize(back));
        Assert.Equal("code", back.Stages[CodeStage.Submission]);
    }

    [Theory]
    [InlineData("LINGUACODUS_VALIDATION {\"metric\": \"rmse\", \"score\": 12.5}", 12.5)]
    [InlineData("noise LINGUACODUS_VALIDATION {\"score\": \"0.91\"}", 0.91)]
    [InlineData("LINGUACODUS_VALIDATION not json", null)]
    [InlineData("validation score 0.9", null)]
    public void ParseScore_MarkerLine_ReadsTheScore(string line, double? expected)
    {
        Assert.Equal(expected, RunPipeline.ParseScore(line));
    }
}
