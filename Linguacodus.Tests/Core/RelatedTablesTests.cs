using System.Globalization;
using System.Text.Json;
using Linguacodus.Core.Artifacts;
using Linguacodus.Core.Data;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Engine.Baseline;
using Linguacodus.Core.Runs;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Tests.Core;

/// <summary>Related tables: the key that joins each to the main table, and baseline code that joins them, run by real Python.</summary>
public sealed class RelatedTablesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lc-related-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Profile_OneRowPerKey_IsALookup()
    {
        var folder = Write(("items.csv", "item_id,price,colour\n1,10,red\n2,20,blue\n3,30,red\n"));

        var items = Related(DataProfiler.Profile(folder), "items.csv");

        Assert.Equal(new TableJoin("item_id", OneToMany: false, MatchedShare: 1), items.Join);
        Assert.Equal((3L, 3), (items.Rows!.Value, items.ColumnCount));
        Assert.Null(items.Note);
    }

    [Fact]
    public void Profile_SeveralRowsPerKey_IsOneToMany()
    {
        var folder = Write(("reviews.csv", "review_id,item_id,stars\n1,1,5\n2,1,4\n3,2,1\n4,2,2\n5,3,3\n6,3,3\n"));

        var reviews = Related(DataProfiler.Profile(folder), "reviews.csv");

        Assert.Equal(new TableJoin("item_id", OneToMany: true, MatchedShare: 1), reviews.Join);
    }

    [Fact]
    public void Profile_SomeKeysUnmatched_NotesTheShareAndBothFiles()
    {
        var folder = Write(("items.csv", "item_id,price\n1,10\n9,90\n"));

        var items = Related(DataProfiler.Profile(folder), "items.csv");

        Assert.Equal(0.4, items.Join!.MatchedShare, 3);
        Assert.Equal("40% of the rows of train.csv and test.csv have a 'item_id' that items.csv holds; the others get blanks for its columns", items.Note);
    }

    [Fact]
    public void Profile_NoKeyMatches_FailsNamingBothFiles()
    {
        var folder = Write(("items.csv", "item_id,price\n7,70\n8,80\n"));

        var error = Assert.Throws<TaskFolderException>(() => DataProfiler.Profile(folder));

        Assert.Equal("items.csv: none of its 'item_id' values matches a 'item_id' of train.csv and test.csv, so it cannot be joined; "
            + "check that both files use the same ids, or mark items.csv as ignored", error.Message);
    }

    [Fact]
    public void Profile_NoSharedColumn_SaysTheTableIsNotUsed()
    {
        var folder = Write(("notes.csv", "author,text\nann,hello\n"));

        var notes = Related(DataProfiler.Profile(folder), "notes.csv");

        Assert.Null(notes.Join);
        Assert.StartsWith("shares no column with train.csv and test.csv", notes.Note);
    }

    [Fact]
    public void Deserialize_ProfileStoredBeforeTables_LoadsWithoutThem()
    {
        var stored = """
            {"train_rows": 2, "test_rows": 1, "columns": [{"name": "y", "kind": "numeric", "missing": 0, "distinct": 2, "examples": ["1"]}],
             "test_columns": [], "id_column": null, "target_column": "y", "target_source": "train/test difference", "date_column": null,
             "task_kind": "regression", "classes": [], "submission_columns": ["y"]}
            """;
        var profile = DataProfiler.Profile(Write(("items.csv", "item_id,price\n1,10\n")));

        var old = JsonSerializer.Deserialize<DataProfile>(stored, RunJson.Options)!;
        var again = JsonSerializer.Deserialize<DataProfile>(JsonSerializer.Serialize(profile, RunJson.Options), RunJson.Options)!;

        Assert.Null(old.Tables);
        Assert.Equal("y", old.TargetColumn);
        Assert.Equal(profile.Tables!.Select(t => (t.Name, t.Role, t.Join)), again.Tables!.Select(t => (t.Name, t.Role, t.Join)));
    }

    /// <summary>
    /// The target depends only on the related tables (an item's price, its reviews' stars and words): the baseline's code
    /// joins them, and beats the naive score only because it did.
    /// </summary>
    [Fact]
    public async Task Baseline_RelatedTables_JoinsThemAndBeatsNaive()
    {
        var random = new Random(5);
        var task = Directory.CreateDirectory(Path.Combine(_dir, "joined")).FullName;
        var prices = Enumerable.Range(0, 60).Select(_ => random.Next(1, 100)).ToArray();
        var rows = Enumerable.Range(0, 400).Select(i => (Id: i, Item: random.Next(60), Noise: random.NextDouble())).ToList();
        string Value((int Id, int Item, double Noise) r) => (prices[r.Item] * 2 + (r.Item % 3) * 40 + r.Noise).ToString("0.##", CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(task, "train.csv"), BaselineMetricTests.Csv("order_id,item_id,noise,amount", rows.Take(300).Select(r => $"{r.Id},{r.Item},{r.Noise:0.###},{Value(r)}")));
        File.WriteAllText(Path.Combine(task, "test.csv"), BaselineMetricTests.Csv("order_id,item_id,noise", rows.Skip(300).Select(r => $"{r.Id},{r.Item},{r.Noise:0.###}")));
        File.WriteAllText(Path.Combine(task, "items.csv"), BaselineMetricTests.Csv("item_id,price", prices.Select((p, i) => $"{i},{p}")));
        string[] words = ["dull and flat", "fine enough", "bright and lively"];
        File.WriteAllText(Path.Combine(task, "reviews.csv"), BaselineMetricTests.Csv("review_id,item_id,stars,comment",
            Enumerable.Range(0, 240).Select(k => $"{k},{k % 60},{k % 60 % 3},\"review {k}: {words[k % 60 % 3]}, {k} words\"")));
        var answers = Path.Combine(_dir, "answers.csv");
        File.WriteAllText(answers, BaselineMetricTests.Csv("order_id,amount", rows.Skip(300).Select(r => $"{r.Id},{Value(r)}")));
        var folder = TaskFolder.Create(task, new MlTask("Orders", "Predict amount.", "tabular", "rmse", "", ""));
        var profile = DataProfiler.Profile(folder);

        var (exitCode, output) = await RunBaselineAsync(folder, profile);

        Assert.True(exitCode == 0, output);
        Assert.Equal(new TableJoin("item_id", false, 1), Related(profile, "items.csv").Join);
        Assert.Equal(new TableJoin("item_id", true, 1), Related(profile, "reviews.csv").Join);
        Assert.Empty(SubmissionCheck.Validate(Path.Combine(task, "submission.csv"), profile, folder));
        var answer = SubmissionScorer.Score(Path.Combine(task, "submission.csv"), answers, folder.Metric, profile.IdColumn);
        var naive = SubmissionScorer.Naive(folder.TrainFile, answers, folder.Metric, profile.TargetColumn, profile.IdColumn);
        Assert.True(answer < naive / 3, $"answer {answer} vs naive {naive}");
    }

    [Fact]
    public async Task Baseline_ImputationTask_PredictsExactlyTheBlankRows()
    {
        var task = Directory.CreateDirectory(Path.Combine(_dir, "impute")).FullName;
        File.WriteAllText(Path.Combine(task, "data.csv"), ImputationTaskTests.DataCsv(blankEvery: 4));
        var folder = TaskFolder.Create(task, new MlTask("Fill", "Fill in y where it is blank.", "tabular", "rmse", "", ""));
        var profile = DataProfiler.Profile(folder);

        var (exitCode, output) = await RunBaselineAsync(folder, profile);

        Assert.True(exitCode == 0, output);
        Assert.Empty(SubmissionCheck.Validate(Path.Combine(task, "submission.csv"), profile, folder));
        Assert.Contains("train: 30 rows, test: 10 rows", output);
    }

    private static TableProfile Related(DataProfile profile, string name) => profile.Tables!.Single(t => t.Name == name);

    /// <summary>A task of orders naming items by item_id, with the given related tables.</summary>
    private TaskFolder Write(params (string Name, string Text)[] related)
    {
        var task = Directory.CreateDirectory(Path.Combine(_dir, $"task-{Guid.NewGuid():N}")).FullName;
        File.WriteAllText(Path.Combine(task, "train.csv"), "order_id,item_id,amount\n1,1,10\n2,2,20\n3,3,30\n");
        File.WriteAllText(Path.Combine(task, "test.csv"), "order_id,item_id\n4,1\n5,3\n");
        foreach (var (name, text) in related)
        {
            File.WriteAllText(Path.Combine(task, name), text);
        }
        return TaskFolder.Create(task, new MlTask("Orders", "Predict amount.", "tabular", "rmse", "", ""));
    }

    private static async Task<(int ExitCode, string Output)> RunBaselineAsync(TaskFolder folder, DataProfile profile)
    {
        var request = new CodeRequest(folder, profile, "Use gradient boosting.", new Dictionary<CodeStage, string>());
        var stages = CodeStages.All.ToDictionary(s => s, s => BaselineCodeWriter.Write(request, s, robust: false));
        await File.WriteAllTextAsync(Path.Combine(folder.Directory, "solution.py"), ProgramAssembler.Assemble("Test", stages));
        return await BaselineMetricTests.RunPythonAsync(folder.Directory);
    }
}
