using BenchmarkDotNet.Attributes;
using Linguacodus.Core.Data;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Benchmarks;

/// <summary>
/// Reading a generated task folder's train and test rows with the old byte-by-byte reader against the Sep-based
/// <see cref="CsvReader"/> (fields as strings, as most callers take them, and as spans, as the profiler takes them),
/// and profiling the same folder end to end.
/// </summary>
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
        _folder = ProfileData.Write(_root.FullName, Shape);
    }

    [GlobalCleanup]
    public void Cleanup() => _root.Delete(recursive: true);

    [Benchmark(Baseline = true)]
    public long ByteReaderRows() => ByteRows(_folder.TrainFile) + ByteRows(_folder.TestFile);

    [Benchmark]
    public long SepReaderRows() => SepRows(_folder.TrainFile) + SepRows(_folder.TestFile);

    [Benchmark]
    public long SepReaderSpans() => SepSpans(_folder.TrainFile) + SepSpans(_folder.TestFile);

    [Benchmark]
    public DataProfile Profile() => DataProfiler.Profile(_folder);

    private static long ByteRows(string file)
    {
        using var reader = new ByteCsvReader(file);
        long fields = 0;
        while (reader.ReadRow() is { } row)
        {
            fields += row.Length;
        }

        return fields;
    }

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
