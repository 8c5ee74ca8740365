using Linguacodus.Core.Tasks;

namespace Linguacodus.Benchmarks;

/// <summary>The shapes of generated task folder the profiling benchmarks read.</summary>
public enum TableShape
{
    /// <summary>200,000 train rows of 50 columns (about 80 MB), 50,000 test rows.</summary>
    Tall,

    /// <summary>5,000 train rows of 2,000 numeric columns (about 70 MB), 1,250 test rows.</summary>
    Wide,
}

internal static class TableShapes
{
    public static TaskFolder Write(string folder, TableShape shape) => shape == TableShape.Tall
        ? GeneratedTask.Write(folder, rows: 200_000, numbers: 40, mixed: true)
        : GeneratedTask.Write(folder, rows: 5_000, numbers: 1_998, mixed: false);
}
