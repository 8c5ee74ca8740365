using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Linguacodus.Core.Data;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Benchmarks;

/// <summary>
/// Profiling a large task folder against reading the same CSV rows alone: the ratio is what profiling adds per row
/// (number and date parsing, distinct counting) over the reader.
/// </summary>
[MemoryDiagnoser]
public class ProfileBenchmarks
{
    private static readonly string[] Regions = ["north", "south", "east", "west"];
    private static readonly string[] Plans = ["basic", "plus", "pro", "team", "enterprise"];

    private DirectoryInfo _root = null!;
    private TaskFolder _folder = null!;

    [Params(10_000, 200_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("linguacodus-benchmarks-");
        // A quarter as many test rows as train rows, as in the examples.
        WriteCsv(Path.Combine(_root.FullName, TaskFolder.TrainFileName), Rows, withTarget: true, seed: 1);
        WriteCsv(Path.Combine(_root.FullName, TaskFolder.TestFileName), Rows / 4, withTarget: false, seed: 2);
        File.WriteAllText(Path.Combine(_root.FullName, TaskFolder.SampleSubmissionFileName), "id,churned\n1,0.5\n");
        _folder = TaskFolder.Create(_root.FullName, new MlTask(
            "Churn", "Predict whether a customer churns.", "tabular", "roc", "", ""));
    }

    [GlobalCleanup]
    public void Cleanup() => _root.Delete(recursive: true);

    /// <summary>Reads every row of the files <see cref="DataProfiler.Profile"/> reads, and nothing more.</summary>
    [Benchmark(Baseline = true)]
    public long ReadRows() => CountRows(_folder.TrainFile) + CountRows(_folder.TestFile);

    [Benchmark]
    public DataProfile Profile() => DataProfiler.Profile(_folder);

    private static long CountRows(string file)
    {
        using var reader = new CsvReader(file);
        long rows = 0;
        while (reader.ReadRow() is not null)
        {
            rows++;
        }
        return rows;
    }

    /// <summary>20 columns: an id, 15 numbers (two with gaps), a date, 2 categories and, in train, a binary target.</summary>
    private static void WriteCsv(string path, int rows, bool withTarget, int seed)
    {
        var random = new Random(seed);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 16);
        var header = new StringBuilder("id");
        for (var c = 1; c <= 15; c++)
        {
            header.Append(",f").Append(c);
        }
        header.Append(",signup,region,plan");
        writer.WriteLine(withTarget ? header.Append(",churned").ToString() : header.ToString());

        var line = new StringBuilder();
        var start = new DateOnly(2020, 1, 1);
        for (var r = 0; r < rows; r++)
        {
            line.Clear().Append(seed * 10_000_000 + r);
            for (var c = 1; c <= 15; c++)
            {
                line.Append(',');
                // Gaps in two columns exercise the missing-value path.
                if (c <= 2 && random.Next(25) == 0)
                {
                    continue;
                }
                line.Append(c % 3 == 0 ? random.Next(100).ToString(CultureInfo.InvariantCulture) : (random.NextDouble() * 1000).ToString("0.####", CultureInfo.InvariantCulture));
            }
            line.Append(',').Append(start.AddDays(random.Next(1500)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                .Append(',').Append(Regions[random.Next(Regions.Length)])
                .Append(',').Append(Plans[random.Next(Plans.Length)]);
            if (withTarget)
            {
                line.Append(',').Append(random.Next(3) == 0 ? '1' : '0');
            }
            writer.WriteLine(line);
        }
    }
}
