using Linguacodus.Core.Artifacts;
using Linguacodus.Core.Data;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Tests.Core;

public sealed class SubmissionCheckTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lc-check-").FullName;
    private readonly TaskFolder _folder;
    private readonly DataProfile _profile;

    public SubmissionCheckTests()
    {
        File.WriteAllText(Path.Combine(_dir, "train.csv"), "id,x,y\n1,5,0\n2,6,1\n");
        File.WriteAllText(Path.Combine(_dir, "test.csv"), "id,x\n10,1\n11,2\n12,3\n");
        _folder = TaskFolder.Create(_dir, new MlTask("t", "Predict y.", "tabular", "accuracy", "", ""));
        _profile = DataProfiler.Profile(_folder);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Validate_GoodSubmission_ReturnsNoProblems()
    {
        var problems = Validate("id,y\n10,0\n12,1\n11,1\n");

        Assert.Empty(problems);
    }

    [Fact]
    public void Validate_MissingFile_SaysItWasNotWritten()
    {
        var problems = SubmissionCheck.Validate(Path.Combine(_dir, "nothing.csv"), _profile, _folder);

        Assert.Equal(["nothing.csv was not written."], problems);
    }

    [Fact]
    public void Validate_WrongHeader_NamesExpectedColumns()
    {
        var problems = Validate("id,target\n10,0\n11,1\n12,1\n");

        var problem = Assert.Single(problems);
        Assert.Contains("id, target", problem);
        Assert.Contains("expected id, y", problem);
    }

    [Fact]
    public void Validate_MissingAndExtraIds_ReportsCountsAndRowCount()
    {
        var problems = Validate("id,y\n10,0\n99,1\n");

        Assert.Equal(3, problems.Count);
        Assert.Contains("submission.csv has 2 rows; test.csv has 3.", problems);
        Assert.Contains("2 id values of test.csv are missing from submission.csv (first: 11, 12).", problems);
        Assert.Contains("1 id values in submission.csv are not in test.csv (first: 99).", problems);
    }

    [Fact]
    public void Validate_EmptyValues_ReportsCountAndFirstLine()
    {
        var problems = Validate("id,y\n10,0\n11,\n12, \n");

        Assert.Equal(["submission.csv has 2 empty values, the first on line 3."], problems);
    }

    [Fact]
    public void Validate_RaggedRow_ReportsReaderProblem()
    {
        var problems = Validate("id,y\n10,0\n11,1,7\n12,1\n");

        Assert.Equal(["submission.csv: line 3 has 3 fields, the header has 2."], problems);
    }

    private IReadOnlyList<string> Validate(string content)
    {
        var path = Path.Combine(_dir, "submission.csv");
        File.WriteAllText(path, content);
        return SubmissionCheck.Validate(path, _profile, _folder);
    }
}
