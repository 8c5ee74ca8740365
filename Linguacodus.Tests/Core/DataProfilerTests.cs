using System.Text;
using Linguacodus.Core.Data;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Tests.Core;

public sealed class DataProfilerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lc-profile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Profile_MixedColumns_DetectsKindsMissingAndExamples()
    {
        var train = new StringBuilder("id,age,color,review,day,pixel0,pixel1,y\n");
        for (var i = 0; i < 40; i++)
        {
            var shade = (i % 4) switch { 0 => "red", 1 => "blue", 2 => "", _ => "NA" };
            train.Append($"{i},{20 + i * 0.5},{shade},\"Review number {i} is long enough to be prose\",2024-01-{1 + i % 28:00},{i % 256},0,{i % 2}\n");
        }

        var folder = WriteFolder(train.ToString(), "id,age,color,review,day,pixel0,pixel1\n100,30,red,Fine,2024-02-01,0,0\n");

        var profile = DataProfiler.Profile(folder);

        ColumnKind KindOf(string name) => profile.Columns.Single(c => c.Name == name).Kind;
        Assert.Equal(ColumnKind.Numeric, KindOf("age"));
        Assert.Equal(ColumnKind.Categorical, KindOf("color"));
        Assert.Equal(ColumnKind.Text, KindOf("review"));
        Assert.Equal(ColumnKind.Date, KindOf("day"));
        Assert.Equal(ColumnKind.Pixel, KindOf("pixel0"));
        Assert.Equal(ColumnKind.Pixel, KindOf("pixel1"));
        var color = profile.Columns.Single(c => c.Name == "color");
        Assert.Equal(20, color.Missing);
        Assert.Equal(2, color.Distinct);
        Assert.Equal(["red", "blue"], color.Examples);
        Assert.Equal(5, profile.Columns.Single(c => c.Name == "age").Examples.Count);
        Assert.Equal(40, profile.TrainRows);
        Assert.Equal(1, profile.TestRows);
        Assert.Equal("day", profile.DateColumn);
    }

    [Fact]
    public void Profile_TextColumn_MeasuresItsLengthAndOnlyThere()
    {
        var train = new StringBuilder("id,review,color,y\n");
        for (var i = 0; i < 30; i++)
        {
            // Reviews of 3 to 32 words, each word "wordN" of 5 or 6 characters, one space between.
            var words = string.Join(' ', Enumerable.Range(0, 3 + i).Select(w => $"word{w}"));
            train.Append($"{i},\"{words}\",{(i % 2 == 0 ? "red" : "blue")},{i % 2}\n");
        }
        var folder = WriteFolder(train.ToString(), "id,review,color\n100,short one,red\n");

        var profile = DataProfiler.Profile(folder);

        var review = profile.Columns.Single(c => c.Name == "review");
        Assert.Equal(ColumnKind.Text, review.Kind);
        var length = Assert.IsType<TextLength>(review.Length);
        Assert.Equal(Enumerable.Range(3, 30).Average(), length.MeanWords, 6);
        var longest = string.Join(' ', Enumerable.Range(0, 32).Select(w => $"word{w}"));
        Assert.Equal(longest.Length, length.MaxChars);
        Assert.Equal(Enumerable.Range(3, 30).Average(n => string.Join(' ', Enumerable.Range(0, n).Select(w => $"word{w}")).Length), length.MeanChars, 6);
        Assert.Null(profile.Columns.Single(c => c.Name == "color").Length);
    }

    [Fact]
    public void TextLength_Describe_RoundsAndGroupsDigits() =>
        Assert.Equal("about 420 characters (78 words), longest 3,120", new TextLength(419.6, 77.6, 3120).Describe());

    [Theory]
    [InlineData("one", 1)]
    [InlineData("  two   words ", 2)]
    [InlineData("tab\tand\nline", 3)]
    [InlineData("", 0)]
    public void WordsIn_CountsRunsBetweenWhiteSpace(string value, int words) => Assert.Equal(words, TextLength.WordsIn(value));

    [Fact]
    public void Profile_PassengerIdInTrainAndTest_IsTheId()
    {
        var folder = WriteFolder("PassengerId,Age,Survived\n1,22,0\n2,38,1\n3,26,1\n", "PassengerId,Age\n4,30\n5,40\n");

        var profile = DataProfiler.Profile(folder);

        Assert.Equal("PassengerId", profile.IdColumn);
        Assert.Equal("Survived", profile.TargetColumn);
        Assert.Equal(TargetSource.TrainTestDifference, profile.TargetSource);
        Assert.Equal(["PassengerId", "Survived"], profile.SubmissionColumns);
        Assert.Equal(2, profile.TestRows);
    }

    [Theory]
    [InlineData("id", "id")]
    [InlineData("row_id", "row_id")]
    [InlineData("customer ID", "customer ID")]
    [InlineData("customerID", "customerID")]
    [InlineData("paid", null)]
    [InlineData("UUID", null)]
    public void Profile_ColumnName_DecidesWhetherItIsAnId(string name, string? expected)
    {
        var folder = WriteFolder($"{name},x,y\n1,5,1.5\n2,6,2.5\n", $"{name},x\n3,7\n", metric: "rmse");

        var profile = DataProfiler.Profile(folder);

        Assert.Equal(expected, profile.IdColumn);
    }

    [Fact]
    public void Profile_RepeatedIdNamedColumn_FallsBackToSampleSubmission()
    {
        var folder = WriteFolder(
            "store_id,key,sales\n1,a,10.5\n1,b,11.5\n2,c,9.25\n",
            "store_id,key\n1,d\n",
            sample: "key,sales\nd,0\n");

        var profile = DataProfiler.Profile(folder);

        Assert.Equal("key", profile.IdColumn);
        Assert.Equal("sales", profile.TargetColumn);
        Assert.Equal(TargetSource.SampleSubmission, profile.TargetSource);
        Assert.Equal(["key", "sales"], profile.SubmissionColumns);
    }

    [Fact]
    public void Profile_TargetInTestToo_ComesFromTheDataCard()
    {
        var folder = WriteFolder(
            "id,temp,load\n1,20,5.5\n2,21,6.5\n3,22,7.0\n",
            "id,temp,load\n4,23,0\n",
            metric: "rmse",
            dataCard: "Columns: temp is the outdoor temperature; load is the target, in MW.");

        var profile = DataProfiler.Profile(folder);

        Assert.Equal("load", profile.TargetColumn);
        Assert.Equal(TargetSource.DataCard, profile.TargetSource);
    }

    [Fact]
    public void Profile_ClassTargetInTestToo_KeepsItsClasses()
    {
        // Only columns test lacks keep their values during the pass, so this target has train read again.
        var folder = WriteFolder(
            "id,temp,status\n1,20,ok\n2,21,fault\n3,22,ok\n",
            "id,temp,status\n4,23,\n",
            dataCard: "Columns: temp is the outdoor temperature; status is the target.");

        var profile = DataProfiler.Profile(folder);

        Assert.Equal("status", profile.TargetColumn);
        Assert.Equal(TaskKind.Binary, profile.TaskKind);
        Assert.Equal(["fault", "ok"], profile.Classes);
    }

    [Fact]
    public void Profile_SeveralExtraColumns_TakesTheOneTheDataCardNames()
    {
        var folder = WriteFolder(
            "id,x,casual,total\n1,2,3,4\n2,3,4,5\n",
            "id,x\n3,4\n",
            metric: "rmse",
            dataCard: "We want to predict total rentals per hour.");

        var profile = DataProfiler.Profile(folder);

        Assert.Equal("total", profile.TargetColumn);
        Assert.Equal(TargetSource.DataCard, profile.TargetSource);
    }

    [Fact]
    public void Profile_Override_WinsOverGuesses()
    {
        var folder = WriteFolder("id,a,b\n1,2,3\n2,3,4\n", "id\n3\n", metric: "rmse");

        var profile = DataProfiler.Profile(folder, targets: ["a"]);

        Assert.Equal("a", profile.TargetColumn);
        Assert.Equal(TargetSource.User, profile.TargetSource);
    }

    [Fact]
    public void Profile_OverrideNotInTrain_Throws()
    {
        var folder = WriteFolder("id,a\n1,2\n", "id\n3\n", metric: "rmse");

        var e = Assert.Throws<TaskFolderException>(() => DataProfiler.Profile(folder, targets: ["zzz"]));

        Assert.Equal("train.csv", e.File);
        Assert.Contains("'zzz'", e.Problem);
    }

    [Fact]
    public void Profile_AmbiguousTarget_ThrowsNamingCandidates()
    {
        var folder = WriteFolder("id,a,b\n1,2,3\n2,3,4\n", "id\n3\n", metric: "rmse");

        var e = Assert.Throws<TaskFolderException>(() => DataProfiler.Profile(folder));

        Assert.Equal("train.csv", e.File);
        Assert.StartsWith("cannot tell the target column: ", e.Problem);
        Assert.Contains("(a, b)", e.Problem);
    }

    [Fact]
    public void Profile_TwoLabels_IsBinaryWithSortedClasses()
    {
        var folder = WriteFolder("id,x,y\n1,1,yes\n2,2,no\n3,3,yes\n", "id,x\n4,4\n", metric: "roc auc");

        var profile = DataProfiler.Profile(folder);

        Assert.Equal(TaskKind.Binary, profile.TaskKind);
        Assert.Equal(["no", "yes"], profile.Classes);
    }

    [Fact]
    public void Profile_IntegerLabelsWithAccuracy_IsMulticlassSortedNumerically()
    {
        var folder = WriteFolder("id,x,label\n1,0,10\n2,0,2\n3,0,1\n4,0,2\n", "id,x\n5,0\n", metric: "accuracy");

        var profile = DataProfiler.Profile(folder);

        Assert.Equal(TaskKind.Multiclass, profile.TaskKind);
        Assert.Equal(["1", "2", "10"], profile.Classes);
    }

    [Fact]
    public void Profile_StringLabels_IsMulticlass()
    {
        var folder = WriteFolder("id,x,species\n1,0,cat\n2,0,dog\n3,0,bird\n", "id,x\n5,0\n", metric: "f1");

        var profile = DataProfiler.Profile(folder);

        Assert.Equal(TaskKind.Multiclass, profile.TaskKind);
        Assert.Equal(["bird", "cat", "dog"], profile.Classes);
    }

    [Fact]
    public void Profile_RegressionMetricWithTwoValues_IsRegressionWithoutClasses()
    {
        var folder = WriteFolder("id,x,y\n1,0,0\n2,0,1\n3,0,1\n", "id,x\n5,0\n", metric: "rmse");

        var profile = DataProfiler.Profile(folder);

        Assert.Equal(TaskKind.Regression, profile.TaskKind);
        Assert.Empty(profile.Classes);
    }

    [Fact]
    public void Profile_FractionalTargetWithClassificationMetric_IsRegression()
    {
        var folder = WriteFolder("id,x,y\n1,0,0.5\n2,0,1.5\n3,0,2.25\n", "id,x\n5,0\n", metric: "accuracy");

        var profile = DataProfiler.Profile(folder);

        Assert.Equal(TaskKind.Regression, profile.TaskKind);
    }

    [Fact]
    public void Profile_DateColumnAndTimeSeriesData_IsForecast()
    {
        var folder = WriteFolder(
            "date,sales\n2024-01-01,10\n2024-01-02,12\n2024-01-03,11\n",
            "date\n2024-01-04\n",
            metric: "mae",
            dataType: "time series");

        var profile = DataProfiler.Profile(folder);

        Assert.Equal(TaskKind.Forecast, profile.TaskKind);
        Assert.Equal("date", profile.DateColumn);
        Assert.Null(profile.IdColumn);
        Assert.Equal(["date", "sales"], profile.SubmissionColumns);
        Assert.Equal("date", profile.SubmissionKey);
    }

    [Fact]
    public void Profile_QuotedFieldsWithCommasQuotesAndNewlines_AreProfiledUnquoted()
    {
        var folder = WriteFolder(
            "id,note,y\n1,\"late, \"\"again\"\"\",0\n2,\"two\nlines\",1\n3,\"late, \"\"again\"\"\",0\n",
            "id,note\n4,\"x\"\n",
            metric: "roc auc");

        var profile = DataProfiler.Profile(folder);

        var note = profile.Columns.Single(c => c.Name == "note");
        Assert.Equal(["late, \"again\"", "two\nlines"], note.Examples);
        Assert.Equal(2, note.Distinct);
        Assert.Equal("id", profile.IdColumn);
        Assert.Equal(3, profile.TrainRows);
    }

    [Fact]
    public void Profile_WholeNumbersWrittenWithPointsAndSigns_AreIntegerLabels()
    {
        var folder = WriteFolder("id,x,label\n1,0,1.0\n2,0,+2\n3,0,3.00\n4,0,1.0\n5,0,-0\n", "id,x\n6,0\n", metric: "accuracy");

        var profile = DataProfiler.Profile(folder);

        Assert.Equal(TaskKind.Multiclass, profile.TaskKind);
        Assert.Equal(["-0", "1.0", "+2", "3.00"], profile.Classes);
    }

    [Fact]
    public void Profile_ManyRows_CountsAcrossRowBlocks()
    {
        var train = new StringBuilder("id,x,y\n");
        // 300,000 fields: more than one block of rows.
        for (var i = 0; i < 100_000; i++)
        {
            train.Append(i).Append(',').Append(i % 7).Append(',').Append(i % 3 == 0 ? "1.5" : "2.25").Append('\n');
        }

        var folder = WriteFolder(train.ToString(), "id,x\n1,2\n", metric: "rmse");

        var profile = DataProfiler.Profile(folder);

        Assert.Equal(100_000, profile.TrainRows);
        Assert.Equal("id", profile.IdColumn);
        Assert.Equal(7, profile.Columns.Single(c => c.Name == "x").Distinct);
        Assert.Equal(DataProfiler.DistinctCap, profile.Columns.Single(c => c.Name == "id").Distinct);
        Assert.Equal(TaskKind.Regression, profile.TaskKind);
    }

    [Fact]
    public void Profile_RaggedTrainRow_NamesFileAndLine()
    {
        var folder = WriteFolder("id,x,y\n1,\"a\nb\",0\n2,3\n", "id,x\n4,5\n", metric: "rmse");

        var e = Assert.Throws<TaskFolderException>(() => DataProfiler.Profile(folder));

        Assert.Equal("train.csv", e.File);
        Assert.Equal("line 4 has 2 fields, the header has 3", e.Problem);
    }

    [Fact]
    public void Profile_RaggedRowPastTheFirstBlocks_NamesFileAndLine()
    {
        // The rows are read on a thread of their own; its error reaches the caller as the reader's.
        var train = new StringBuilder("id,y\n");
        for (var i = 0; i < 300_000; i++)
        {
            train.Append(i).Append(",1\n");
        }

        var folder = WriteFolder(train.Append("7\n").ToString(), "id\n1\n", metric: "rmse");

        var e = Assert.Throws<TaskFolderException>(() => DataProfiler.Profile(folder));

        Assert.Equal("train.csv", e.File);
        Assert.Equal("line 300002 has 1 fields, the header has 2", e.Problem);
    }

    [Theory]
    [InlineData("id,y\n", "id\n1\n", "train.csv")]
    [InlineData("id,y\n1,2\n", "id\n", "test.csv")]
    public void Profile_HeaderWithoutRows_Throws(string train, string test, string file)
    {
        var folder = WriteFolder(train, test, metric: "rmse");

        var e = Assert.Throws<TaskFolderException>(() => DataProfiler.Profile(folder));

        Assert.Equal(file, e.File);
        Assert.Equal("has a header but no rows", e.Problem);
    }

    private TaskFolder WriteFolder(
        string train,
        string test,
        string? sample = null,
        string metric = "accuracy",
        string dataType = "tabular",
        string dataCard = "")
    {
        File.WriteAllText(Path.Combine(_dir, "train.csv"), train);
        File.WriteAllText(Path.Combine(_dir, "test.csv"), test);
        if (sample is not null)
        {
            File.WriteAllText(Path.Combine(_dir, "sample_submission.csv"), sample);
        }

        return TaskFolder.Create(_dir, new MlTask("t", "Predict the target.", dataType, metric, dataCard, ""));
    }
}
