using System.Text;
using Linguacodus.Core.Artifacts;
using Linguacodus.Core.Data;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Tests.Core;

/// <summary>A task of one data file whose target is blank in the rows to predict: its profile and its submission check.</summary>
public sealed class ImputationTaskTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lc-impute-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Profile_OneDataFile_RowsWithBlankTargetAreTheTestRows()
    {
        var folder = Write(DataCsv(blankEvery: 4));

        var profile = DataProfiler.Profile(folder);

        Assert.Equal("y", profile.TargetColumn);
        Assert.Equal(TargetSource.Blanks, profile.TargetSource);
        Assert.Equal(30, profile.TrainRows);
        Assert.Equal(10, profile.TestRows);
        Assert.Equal(["id", "x", "shade"], profile.TestColumns);
        Assert.Equal("id", profile.IdColumn);
        Assert.Equal(["id", "y"], profile.SubmissionColumns);
        Assert.Equal(TaskKind.Regression, profile.TaskKind);
        var data = Assert.Single(profile.Tables!);
        Assert.Equal((FileRole.Data, 40L), (data.Role, data.Rows!.Value));
        Assert.Contains("10 rows with a blank 'y'", data.Note);
    }

    [Fact]
    public void Profile_SeveralColumnsWithBlanks_TakesTheOneTheDataCardNames()
    {
        // A second column with a gap: w is blank in row 5 as well.
        var widened = DataCsv(blankEvery: 4).Replace("id,x,", "id,w,x,", StringComparison.Ordinal).Replace("\n5,", "\n5,,", StringComparison.Ordinal);
        widened = string.Join('\n', widened.Split('\n').Select((r, i) => i == 0 || r.Length == 0 || r.StartsWith("5,,", StringComparison.Ordinal) ? r : r.Insert(r.IndexOf(',') + 1, "1,")));

        var card = DataProfiler.Profile(Write(widened, dataCard: "data.csv - id, w, x, shade, y. y is the target, blank where it is to be filled."));
        var error = Assert.Throws<TaskFolderException>(() => DataProfiler.Profile(Write(widened)));

        Assert.Equal(("y", TargetSource.DataCard), (card.TargetColumn, card.TargetSource));
        Assert.Contains("cannot tell which column to fill: 2 columns have blank cells (w, y)", error.Message);
    }

    [Fact]
    public void Profile_NoBlankCells_SaysThereIsNothingToFill()
    {
        var error = Assert.Throws<TaskFolderException>(() => DataProfiler.Profile(Write("id,x,y\n1,2,3\n2,3,4\n")));

        Assert.StartsWith("data.csv: no column has blank cells", error.Message);
    }

    [Fact]
    public void Validate_ExactlyTheBlankRows_IsValid()
    {
        var folder = Write(DataCsv(blankEvery: 4));
        var profile = DataProfiler.Profile(folder);

        var problems = Check(folder, profile, BlankIds().Select(id => $"{id},1.5"));

        Assert.Empty(problems);
    }

    [Fact]
    public void Validate_MissingOrExtraIds_NamesThem()
    {
        var folder = Write(DataCsv(blankEvery: 4));
        var profile = DataProfiler.Profile(folder);
        var blank = BlankIds().ToList();

        var missing = Check(folder, profile, blank.Skip(1).Select(id => $"{id},1.5"));
        var extra = Check(folder, profile, blank.Skip(1).Append(1).Select(id => $"{id},1.5"));

        Assert.Contains("submission.csv has 9 rows; data.csv (rows with a blank 'y') has 10.", missing);
        Assert.Contains("1 id values of data.csv (rows with a blank 'y') are missing from submission.csv (first: 3).", missing);
        Assert.Contains("1 id values in submission.csv are not in data.csv (rows with a blank 'y') (first: 1).", extra);
    }

    private static IEnumerable<int> BlankIds() => Enumerable.Range(0, 40).Where(i => i % 4 == 3);

    private IReadOnlyList<string> Check(TaskFolder folder, DataProfile profile, IEnumerable<string> rows)
    {
        var submission = Path.Combine(_dir, "submission.csv");
        File.WriteAllText(submission, "id,y\n" + string.Join('\n', rows) + "\n");
        return SubmissionCheck.Validate(submission, profile, folder);
    }

    /// <summary>40 rows of id, x, shade, y; y is blank in every fourth row.</summary>
    internal static string DataCsv(int blankEvery)
    {
        var text = new StringBuilder("id,x,shade,y\n");
        for (var i = 0; i < 40; i++)
        {
            text.Append($"{i},{i * 0.5},{(i % 2 == 0 ? "red" : "blue")},{(i % blankEvery == blankEvery - 1 ? "" : $"{i * 1.5 + 0.25}")}\n");
        }
        return text.ToString();
    }

    private TaskFolder Write(string data, string dataCard = "")
    {
        var task = Directory.CreateDirectory(Path.Combine(_dir, $"task-{Guid.NewGuid():N}")).FullName;
        File.WriteAllText(Path.Combine(task, "data.csv"), data);
        return TaskFolder.Create(task, new MlTask("Fill", "Fill in the blanks.", "tabular", "rmse", dataCard, ""));
    }
}
