using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// Reports go under the git-ignored artifacts/ folder, beside the build output, not into the working tree.
var config = DefaultConfig.Instance.WithArtifactsPath(Path.Combine(Directory.GetCurrentDirectory(), "artifacts", "benchmarks"));
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
