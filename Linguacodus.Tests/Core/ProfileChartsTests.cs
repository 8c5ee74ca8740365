using System.Text;
using Linguacodus.Core.Data;
using Linguacodus.Core.Tasks;
using Linguacodus.Tests.Infrastructure;

namespace Linguacodus.Tests.Core;

/// <summary>The pictures' data the profiler gathers in its one pass: histograms, value counts, text lengths, a series, image samples.</summary>
public sealed class ProfileChartsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lc-charts-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(123)]
    public void HistogramBuilder_AnyOrder_CountsEveryValueInTheRightBin(int seed)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, 5000).Select(_ => (random.NextDouble() * 1000) - 300 + (random.Next(3) == 0 ? 1e5 : 0)).ToList();
        var builder = new HistogramBuilder();
        values.ForEach(builder.Add);

        var histogram = builder.Build()!;

        Assert.Equal(values.Count, histogram.Total);
        Assert.Equal(values.Min(), histogram.Min);
        Assert.Equal(values.Max(), histogram.Max);
        Assert.InRange(histogram.Counts.Count, 2, HistogramBuilder.Bins);
        Assert.True(histogram.Counts.Max() < values.Count);
        for (var bin = 0; bin < histogram.Counts.Count; bin++)
        {
            var low = histogram.Start + (bin * histogram.Width);
            Assert.Equal(values.Count(v => v >= low && v < low + histogram.Width), histogram.Counts[bin]);
        }
    }

    [Fact]
    public void HistogramBuilder_OneValueOrNone_SaysSo()
    {
        var constant = new HistogramBuilder();
        Enumerable.Repeat(4.5, 10).ToList().ForEach(constant.Add);
        var none = new HistogramBuilder();
        none.Add(double.NaN);

        Assert.Equal(new long[] { 10 }, constant.Build()!.Counts);
        Assert.Equal(0, constant.Build()!.Width);
        Assert.Null(none.Build());
    }

    [Fact]
    public void HistogramBuilder_DataSpreadsOverMoreThanHalfTheBins()
    {
        var builder = new HistogramBuilder();
        for (var i = 0; i <= 1000; i++)
        {
            builder.Add(i);
        }

        Assert.InRange(builder.Build()!.Counts.Count, (HistogramBuilder.Bins / 2) + 1, HistogramBuilder.Bins);
    }

    [Fact]
    public void RowBuckets_PastCapacity_AverageEqualRunsOfRows()
    {
        var buckets = new RowBuckets();
        var rows = (RowBuckets.Capacity * 4) - 3;
        for (var row = 0; row < rows; row++)
        {
            buckets.Add(row, new DateTime(2020, 1, 1).AddDays(row));
        }

        Assert.Equal(4, buckets.RowsPerBucket);
        Assert.Equal(1.5, buckets.Mean(0));
        Assert.Equal(new DateTime(2020, 1, 5), buckets.Start(1));
        Assert.Equal(RowBuckets.Capacity, buckets.Buckets);
        Assert.True(buckets.InDateOrder);
    }

    [Fact]
    public void Profile_Columns_CarryTheirPictures()
    {
        var train = new StringBuilder("id,age,rating,color,review,y\n");
        for (var i = 0; i < 300; i++)
        {
            var shade = i % 10 == 0 ? "green" : i % 3 == 0 ? "red" : "blue";
            train.Append($"{i},{18 + (i % 60)}.5,{i % 5},{shade},\"{new string('x', 10 + (i % 90))} words here\",{(i % 4 == 0 ? "yes" : "no")}\n");
        }
        var folder = WriteFolder(train.ToString(), "id,age,rating,color,review\n1000,30,2,red,short\n");

        var profile = DataProfiler.Profile(folder);

        ColumnProfile Column(string name) => profile.Columns.Single(c => c.Name == name);
        var age = Column("age").Histogram!;
        Assert.Equal(300, age.Total);
        Assert.Equal(18.5, age.Min);
        Assert.Equal(77.5, age.Max);
        Assert.Null(Column("age").Counts);
        // Five distinct numbers are bars, not a histogram.
        Assert.Null(Column("rating").Histogram);
        Assert.Equal(Enumerable.Repeat(60L, 5), Column("rating").Counts!.Top.Select(v => v.Count));
        var color = Column("color").Counts!;
        Assert.Equal(["blue", "red", "green"], color.Top.Select(v => v.Value));
        Assert.Equal([180L, 90, 30], color.Top.Select(v => v.Count));
        Assert.Equal(0, color.Other);
        Assert.Equal([225L, 75], Column("y").Counts!.Top.Select(v => v.Count));
        Assert.Equal(300, Column("review").Length!.Chars!.Total);
        Assert.Null(profile.SeriesChart);
    }

    [Fact]
    public void Profile_ManyLabels_CountsThemOnlyForAPossibleTarget()
    {
        var train = new StringBuilder("id,city,y\n");
        for (var i = 0; i < 600; i++)
        {
            // 200 cities, one of them seen in most rows; the target has as many classes.
            var city = i < 200 ? $"city{i}" : "late";
            train.Append($"{i},{city},{city}\n");
        }
        var folder = WriteFolder(train.ToString(), "id,city\n1000,late\n");

        var profile = DataProfiler.Profile(folder);

        // A feature with more distinct values than bars keeps no counts (a wide table stays small); the target does.
        Assert.Null(profile.Columns.Single(c => c.Name == "city").Counts);
        var target = profile.Target.Counts!;
        Assert.Equal(new ValueCount("late", 400), target.Top[0]);
        Assert.Equal(DataProfiler.MaxBars, target.Top.Count);
        Assert.Equal(600 - 400 - (DataProfiler.MaxBars - 1), target.Other);
    }

    [Fact]
    public void Profile_Forecast_DrawsTheTargetOverTime()
    {
        var folder = TaskFolder.Load(Repository.Example("co2-forecast"));

        var profile = DataProfiler.Profile(folder);

        var chart = profile.SeriesChart!;
        Assert.InRange(chart.Points.Count, 2, RowBuckets.Capacity);
        Assert.Equal(profile.TrainRows, chart.Points.Count * chart.RowsPerPoint, (long)chart.RowsPerPoint);
        Assert.True(chart.Points.Zip(chart.Points.Skip(1)).All(p => p.First.Start < p.Second.Start));
        Assert.Equal(DateTime.Parse(profile.Series!.TrainStart, System.Globalization.CultureInfo.InvariantCulture), chart.Points[0].Start);
        // A run of blank weeks is a gap in the line, nothing else.
        Assert.True(chart.Points.Count(p => p.Mean is not null) > 0.9 * chart.Points.Count);
    }

    [Fact]
    public void Profile_ImageTask_SamplesLabelledTrainingImages()
    {
        var folder = TaskFolder.Load(Repository.Example("digit-images"));

        var profile = DataProfiler.Profile(folder);

        var link = ImageFolderProfiler.LinkOf(profile.ImageFolders, FileRole.Train)!.Value;
        Assert.Equal(ImageFolderProfiler.SampleCount, link.Link.Samples.Count);
        Assert.All(link.Link.Samples, s => Assert.True(File.Exists(Path.Combine(folder.Directory, link.Folder.Folder, s.File))));
        Assert.All(link.Link.Samples, s => Assert.Contains(s.Label, profile.Classes));
        Assert.Empty(ImageFolderProfiler.LinkOf(profile.ImageFolders, FileRole.Test)!.Value.Link.Samples);
    }

    private TaskFolder WriteFolder(string train, string test)
    {
        File.WriteAllText(Path.Combine(_dir, "train.csv"), train);
        File.WriteAllText(Path.Combine(_dir, "test.csv"), test);
        return TaskFolder.Create(_dir, new MlTask("t", "Predict the target.", "tabular", "accuracy", "", ""));
    }
}
