using BenchmarkDotNet.Attributes;
using Linguacodus.Core.Data;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Benchmarks;

/// <summary>
/// Reading a generated task folder's train and test rows with the Sep-based <see cref="CsvReader"/> (fields as spans,
/// as the profiler takes them, and as strings, as most other callers take them) against profiling the same folder
/// end to end: the ratio is what the statistics add over reading.
/// </summary>
/// <remarks>
/// When Sep replaced the hand-written byte-by-byte reader, both were run side by side here (short job, 2 cores
/// shared with other builds, so wall times are rough; train + test of each <see cref="TableShape"/>, Tall / Wide):
/// old reader, string rows 1,684 / 1,437 ms and 582 / 551 MB; Sep, string rows 860 / 1,193 ms, same allocations;
/// Sep, span fields 533 / 394 ms and 35 / 537 KB; profiling 2,252 / 6,589 ms and 25 / 157 MB. In CPU time, which the
/// shared machine distorts less: profiling 0.94-1.0 / 2.2-2.4 s against pandas.read_csv 1.65-1.96 / 0.87-1.35 s.
/// Once rows were read on a thread of their own, columns counted in parallel and distinct values hashed: profiling
/// 508 / 363 ms and 14 / 75 MB, against Sep's spans 177 / 76 ms (a quieter machine; README has the table).
/// </remarks>
[MemoryDiagnoser]
public class ProfileBenchmarks
{
    private DirectoryInfo _root = null!;
    private TaskFolder _folder = null!;

    [Params(TableShape.Tall, TableShape.Wide)]
    public TableShape Shape { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("linguacodus-benchmarks-");
        _folder = TableShapes.Write(_root.FullName, Shape);
    }

    [GlobalCleanup]
    public void Cleanup() => _root.Delete(recursive: true);

    [Benchmark(Baseline = true)]
    public long SepReaderSpans() => SepSpans(_folder.TrainFile) + SepSpans(_folder.TestFile!);

    [Benchmark]
    public long SepReaderRows() => SepRows(_folder.TrainFile) + SepRows(_folder.TestFile!);

    [Benchmark]
    public DataProfile Profile() => DataProfiler.Profile(_folder);

    private static long SepRows(string file)
    {
        using var reader = new CsvReader(file);
        long fields = 0;
        while (reader.ReadRow() is { } row)
        {
            fields += row.Length;
        }

        return fields;
    }

    private static long SepSpans(string file)
    {
        using var reader = new CsvReader(file);
        long characters = 0;
        while (reader.MoveNext())
        {
            for (var i = 0; i < reader.Header.Count; i++)
            {
                characters += reader.Field(i).Length;
            }
        }

        return characters;
    }
}
