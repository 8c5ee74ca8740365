using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Linguacodus.Benchmarks;

// `--write-data FOLDER` writes the profiling benchmarks' task folders (one per shape) for timing other readers,
// such as pandas, on the very same files.
if (args is ["--write-data", var folder])
{
    foreach (var shape in Enum.GetValues<TableShape>())
    {
        var target = Directory.CreateDirectory(Path.Combine(folder, shape.ToString().ToLowerInvariant()));
        Console.WriteLine(TableShapes.Write(target.FullName, shape).TrainFile);
    }

    return;
}

// Reports go under the git-ignored artifacts/ folder, beside the build output, not into the working tree.
var config = DefaultConfig.Instance.WithArtifactsPath(Path.Combine(Directory.GetCurrentDirectory(), "artifacts", "benchmarks"));
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
