using Linguacodus.Core.Artifacts;
using Linguacodus.Core.Data;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Tests.Core;

/// <summary>Submissions of several target columns: checked against the task, scored and compared with naive.</summary>
public sealed class MultiTargetSubmissionTests : IDisposable
{
    private const double Precision = 9;

    private readonly string _dir = Directory.CreateTempSubdirectory("lc-multi-submission-").FullName;
    private readonly TaskFolder _folder;
    private readonly DataProfile _profile;

    public MultiTargetSubmissionTests()
    {
        var task = Directory.CreateDirectory(Path.Combine(_dir, "task")).FullName;
        File.WriteAllText(Path.Combine(task, "train.csv"), "id,x,a,b\n1,5,1,10\n2,6,3,20\n");
        File.WriteAllText(Path.Combine(task, "test.csv"), "id,x\n10,1\n11,2\n");
        _folder = TaskFolder.Create(task, new MlTask("t", "Predict a and b.", "tabular", "MCRMSE", "", ""));
        _profile = DataProfiler.Profile(_folder);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Validate_EveryTargetColumn_ReturnsNoProblems()
    {
        Assert.Equal(["id", "a", "b"], _profile.SubmissionColumns);

        Assert.Empty(Validate("id,a,b\n11,1,2\n10,3,4\n"));
    }

    [Fact]
    public void Validate_MissingTargetColumn_NamesIt()
    {
        var problem = Assert.Single(Validate("id,a\n10,1\n11,2\n"));

        Assert.Contains("expected id, a, b (missing: b)", problem);
    }

    [Fact]
    public void Validate_ExtraColumn_NamesIt()
    {
        var problem = Assert.Single(Validate("id,a,b,c\n10,1,2,3\n11,2,3,4\n"));

        Assert.Contains("(not expected: c)", problem);
    }

    [Fact]
    public void Validate_BlankInASecondTarget_ReportsIt()
    {
        var problem = Assert.Single(Validate("id,a,b\n10,1,\n11,2,3\n"));

        Assert.Contains("1 empty values", problem);
    }

    [Fact]
    public void Naive_MeanColumnwiseRmse_PredictsEachTargetsTrainMean()
    {
        var answers = Write("answers.csv", "id,a,b\n10,2,10\n11,4,30\n");

        var naive = SubmissionScorer.Naive(_folder.TrainFile, answers, _folder.Metric, _profile.TargetColumn, _profile.IdColumn);

        // Train means 2 and 15: RMSE sqrt(2) for a and sqrt(125) for b.
        Assert.Equal((Math.Sqrt(2) + Math.Sqrt(125)) / 2, naive, Precision);
    }

    [Fact]
    public void Score_MeanColumnwiseRocAuc_ScoresEveryColumnByItsProbabilities()
    {
        var answers = Write("answers.csv", "id,a,b\n1,1,0\n2,0,1\n3,1,1\n4,0,0\n");
        var submission = Write("submission.csv", "id,b,a\n4,0.1,0.2\n3,0.8,0.9\n2,0.3,0.1\n1,0.2,0.7\n");

        var score = SubmissionScorer.Score(submission, answers, new Metric(MetricKind.MeanColumnwiseRocAuc), "id");

        Assert.Equal(1.0, score, Precision);
    }

    private IReadOnlyList<string> Validate(string submission) =>
        SubmissionCheck.Validate(Write("submission.csv", submission), _profile, _folder);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
