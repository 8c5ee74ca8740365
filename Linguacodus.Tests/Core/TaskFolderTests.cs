using Linguacodus.Core.Tasks;

namespace Linguacodus.Tests.Core;

public sealed class TaskFolderTests : IDisposable
{
    private const string ValidJson = """
        {
          "title": "Titanic",
          "task": "Predict who survived.",
          "data_type": "tabular",
          "metrics": "Accuracy",
          "data_card": "",
          "submission": "PassengerId,Survived"
        }
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("lc-folder-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Load_ValidFolder_ReadsTaskMetricAndAbsolutePaths()
    {
        WriteFolder(ValidJson);
        File.WriteAllText(Path.Combine(_dir, "sample_submission.csv"), "PassengerId,Survived\n1,0\n");

        var folder = TaskFolder.Load(_dir);

        Assert.Equal("Titanic", folder.Task.Title);
        Assert.Equal("", folder.Task.DataCard);
        Assert.Equal(MetricKind.Accuracy, folder.Metric.Kind);
        Assert.True(Path.IsPathFullyQualified(folder.TrainFile));
        Assert.Equal(Path.Combine(_dir, "train.csv"), folder.TrainFile);
        Assert.Equal(Path.Combine(_dir, "test.csv"), folder.TestFile);
        Assert.Equal(Path.Combine(_dir, "sample_submission.csv"), folder.SampleSubmissionFile);
    }

    [Fact]
    public void Load_NoSampleSubmission_LeavesItNull()
    {
        WriteFolder(ValidJson);

        var folder = TaskFolder.Load(_dir);

        Assert.Null(folder.SampleSubmissionFile);
    }

    [Fact]
    public void Load_MissingFolder_Throws()
    {
        var e = Assert.Throws<TaskFolderException>(() => TaskFolder.Load(Path.Combine(_dir, "nowhere")));

        Assert.Contains("does not exist", e.Problem);
    }

    [Fact]
    public void Load_MalformedJson_ReportsReasonAndLine()
    {
        WriteFolder("{\n  \"title\": \"x\",\n  \"task\": oops\n}");

        var e = Assert.Throws<TaskFolderException>(() => TaskFolder.Load(_dir));

        Assert.Equal("task.json", e.File);
        Assert.StartsWith("not valid JSON: ", e.Problem);
        Assert.Contains("line 3", e.Problem);
        Assert.DoesNotContain("LineNumber", e.Problem);
    }

    [Fact]
    public void Load_MissingField_NamesTheField()
    {
        WriteFolder("""{ "title": "t", "task": "t", "metrics": "rmse", "data_card": "", "submission": "" }""");

        var e = Assert.Throws<TaskFolderException>(() => TaskFolder.Load(_dir));

        Assert.Equal("task.json", e.File);
        Assert.Contains("'data_type'", e.Problem);
    }

    [Fact]
    public void Load_EmptyRequiredField_NamesTheField()
    {
        WriteFolder("""{ "title": " ", "task": "t", "data_type": "tabular", "metrics": "rmse", "data_card": "", "submission": "" }""");

        var e = Assert.Throws<TaskFolderException>(() => TaskFolder.Load(_dir));

        Assert.Contains("'title' is empty", e.Problem);
    }

    [Fact]
    public void Load_UnknownMetric_LoadsWithTheAssumedFamilyAndItsNote()
    {
        WriteFolder(ValidJson.Replace("Accuracy", "weighted error"));

        var folder = TaskFolder.Load(_dir);

        Assert.Equal(MetricKind.Rmse, folder.Metric.Kind);
        Assert.Contains("'weighted error' is not a metric Linguacodus knows", folder.Metric.Note);
    }

    [Theory]
    [InlineData("train.csv")]
    [InlineData("test.csv")]
    [InlineData("task.json")]
    public void Load_MissingFile_NamesTheFile(string file)
    {
        WriteFolder(ValidJson);
        File.Delete(Path.Combine(_dir, file));

        var e = Assert.Throws<TaskFolderException>(() => TaskFolder.Load(_dir));

        Assert.Equal(file, e.File);
    }

    [Fact]
    public void Create_FolderWithCsvFiles_WritesIndentedTaskJsonAndLoads()
    {
        File.WriteAllText(Path.Combine(_dir, "train.csv"), "id,y\n1,2\n");
        File.WriteAllText(Path.Combine(_dir, "test.csv"), "id\n3\n");
        var task = new MlTask("House prices", "Predict the price.", "tabular", "RMSE", "", "");

        var folder = TaskFolder.Create(_dir, task);

        Assert.Equal(task, folder.Task);
        Assert.Equal(MetricKind.Rmse, folder.Metric.Kind);
        var json = File.ReadAllText(Path.Combine(_dir, "task.json"));
        Assert.Contains("\n  \"data_type\": \"tabular\"", json);
    }

    private void WriteFolder(string taskJson)
    {
        File.WriteAllText(Path.Combine(_dir, "task.json"), taskJson);
        File.WriteAllText(Path.Combine(_dir, "train.csv"), "PassengerId,Age,Survived\n1,22,0\n");
        File.WriteAllText(Path.Combine(_dir, "test.csv"), "PassengerId,Age\n2,30\n");
    }
}
