using Linguacodus.Core.Data;
using Linguacodus.Core.Runs;
using Linguacodus.Tests.Infrastructure;

namespace Linguacodus.Tests.Core.Runs;

/// <summary>Run documents saved by the version before statuses, triggers and branch states became types still read.</summary>
public sealed class RunJsonTests
{
    private static string Saved(string name) =>
        File.ReadAllText(Path.Combine(Repository.Root, "Linguacodus.Tests", "TestData", "Runs", name));

    [Fact]
    public void Deserialize_CompareRunSavedBeforeTypedStates_ReadsStatusTriggersAndBranches()
    {
        var run = RunJson.Deserialize(Saved("saved-2cee5fb-succeeded-compared.json"));

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Null(run.InterruptedStep);
        Assert.Equal(AttemptTrigger.Generated, Assert.Single(run.Attempts).Trigger);
        Assert.Equal([1, 2, 3], run.Branches.Select(b => b.Candidate));
        Assert.All(run.Branches, b => Assert.Equal(BranchStatus.Succeeded, b.Status));
        Assert.Equal(3, run.ChosenIndex);
        Assert.Equal(StepKind.Profile, RunSteps.KindOf(run.Timings[0].Step));
    }

    [Fact]
    public void Deserialize_InterruptedRunSavedAsFailedWithItsMessage_IsInterruptedAtThatStep()
    {
        var run = RunJson.Deserialize(Saved("saved-2cee5fb-interrupted-executing.json"));

        Assert.Equal(RunStatus.Interrupted, run.Status);
        Assert.Equal(RunStatus.Executing, run.InterruptedStep);
        Assert.True(run.IsInterrupted);
        Assert.Equal("interrupted", run.StatusText);
    }

    [Fact]
    public void Deserialize_FailedRunWithAnotherMessage_StaysFailed()
    {
        var json = Saved("saved-2cee5fb-interrupted-executing.json")
            .Replace("Interrupted by a server restart while running the program; resume runs the code again.", "The program failed: boom", StringComparison.Ordinal);

        var run = RunJson.Deserialize(json);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Null(run.InterruptedStep);
    }

    [Fact]
    public void SerializeThenDeserialize_InterruptedRun_KeepsTheStep()
    {
        var run = new RunUpdate.Interrupted(RunStatus.Coding).ApplyTo(RunJson.Deserialize(Saved("saved-2cee5fb-succeeded-compared.json")));

        var again = RunJson.Deserialize(RunJson.Serialize(run));

        Assert.Equal(RunStatus.Interrupted, again.Status);
        Assert.Equal(RunStatus.Coding, again.InterruptedStep);
        Assert.Equal(RunSession.InterruptedMessage(RunStatus.Coding), again.Message);
    }

    [Fact]
    public void Deserialize_ProfileSavedBeforeThePositiveClass_HasNoneRecorded()
    {
        var profile = RunJson.Deserialize(Saved("saved-2cee5fb-succeeded-compared.json")).Profile!;

        Assert.Equal(TaskKind.Binary, profile.TaskKind);
        Assert.Null(profile.PositiveClass);
        Assert.Equal(PositiveClassSource.None, profile.PositiveClassSource);
        Assert.Null(profile.PositiveClassNotes);
        Assert.Null(profile.ClassColumns);
    }

    [Fact]
    public void SerializeThenDeserialize_PositiveClass_KeepsItsSourceInWords()
    {
        var saved = RunJson.Deserialize(Saved("saved-2cee5fb-succeeded-compared.json"));
        var run = saved with
        {
            Profile = saved.Profile! with
            {
                PositiveClass = "1",
                PositiveClassSource = PositiveClassSource.SubmissionColumn,
                PositiveClassEvidence = "the submission column '1'",
                PositiveClassNotes = ["a note"],
                ClassColumns = [new ClassColumn("p_1", "1")],
            },
        };

        var json = RunJson.Serialize(run);
        var again = RunJson.Deserialize(json).Profile!;

        Assert.Contains("\"positive_class_source\": \"submission column\"", json);
        Assert.Equal("1", again.PositiveClass);
        Assert.Equal(PositiveClassSource.SubmissionColumn, again.PositiveClassSource);
        Assert.Equal(["a note"], again.PositiveClassNotes);
        Assert.Equal([new ClassColumn("p_1", "1")], again.ClassColumns);
    }

    [Fact]
    public void Deserialize_RunSavedBeforeNaiveScores_KeepsItsScoreWithoutANaiveOne()
    {
        var run = RunJson.Deserialize(Saved("saved-2cee5fb-succeeded-compared.json"));

        Assert.NotNull(run.ValidationScore);
        Assert.Null(run.NaiveScore);
        Assert.All(run.Attempts, a => Assert.Null(a.NaiveScore));
    }

    [Fact]
    public void Serialize_AttemptWithNaiveScore_RoundTrips()
    {
        var saved = RunJson.Deserialize(Saved("saved-2cee5fb-succeeded-compared.json"));
        var run = new RunUpdate.AttemptFinished(0, null, 0.97, TimeSpan.FromSeconds(2), NaiveScore: 0.5).ApplyTo(saved);

        var json = RunJson.Serialize(run);
        var again = RunJson.Deserialize(json);

        Assert.Contains("\"naive_score\": 0.5", json);
        Assert.Equal(0.97, again.ValidationScore);
        Assert.Equal(0.5, again.NaiveScore);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"id\": ")]
    [InlineData("[1, 2]")]
    public void Deserialize_CorruptDocument_ThrowsJsonException(string json) =>
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => RunJson.Deserialize(json));
}
