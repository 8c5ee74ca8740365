using Linguacodus.Core.Tasks;

namespace Linguacodus.Tests.Core;

public sealed class TaskTableTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("linguacodus-table-");

    private string Write(string text)
    {
        var path = Path.Combine(_folder.FullName, "tasks.csv");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Load_ThePapersSampleInputs_ReadsEveryTaskWithMultiLineCards()
    {
        var tasks = TaskTable.Load(Path.Combine(Infrastructure.Repository.Examples, "paper-tasks.csv"));

        Assert.True(tasks.Count >= 3, $"{tasks.Count} tasks");
        var first = tasks[0];
        Assert.Equal("Binary Classification of Machine Failures", first.Title);
        Assert.Equal("tabular", first.DataType);
        Assert.Equal("roc", first.Metrics);
        Assert.Contains("\n", first.DataCard);
        Assert.All(tasks, t => Assert.False(string.IsNullOrWhiteSpace(t.Title)));
    }

    [Fact]
    public void Load_ColumnsInAnyOrderAndCase_MapsByName()
    {
        var tasks = TaskTable.Load(Write("Metrics,Title,extra,Task,Data_Type\nrmse,Houses,x,Predict the price,tabular\n,,,,\n"));

        Assert.Equal([new MlTask("Houses", "Predict the price", "tabular", "rmse", "", "")], tasks);
    }

    [Fact]
    public void Load_NotATaskTable_SaysWhichColumnsAreMissing()
    {
        var error = Assert.Throws<TaskFolderException>(() => TaskTable.Load(Write("id,target\n1,0\n")));

        Assert.Equal("tasks.csv: not a task table: it lacks the columns title, task, data_type, metrics (a task table has title, task, data_type, metrics, data_card and submission).", error.Message);
    }

    [Fact]
    public void Load_HeaderOnly_SaysThereAreNoTasks()
    {
        var error = Assert.Throws<TaskFolderException>(() => TaskTable.Load(Write("title,task,data_type,metrics\n")));

        Assert.Equal("tasks.csv: the task table has no tasks.", error.Message);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
