using LLama.Common;
using LLama.Native;
using Linguacodus.TestSupport;

namespace Linguacodus.Tests.Inference;

/// <summary>
/// Writes the tiny GGUF model and its LoRA adapter once per test run into a temporary folder, and
/// deletes the folder afterwards. Tests that load it join the non-parallel "TinyModel" collection:
/// llama.cpp contexts are heavy on these two-core machines and timings are only meaningful alone.
/// </summary>
/// <remarks>
/// The class is its own collection definition (xunit only reads the attribute and the
/// <see cref="ICollectionFixture{TFixture}"/> marker from a definition class, it never creates
/// one), which keeps the fixture and its collection in one file.
/// </remarks>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TinyModelFixture : ICollectionFixture<TinyModelFixture>, IDisposable
{
    public const string Name = "TinyModel";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("linguacodus-tiny-model-");

    public TinyModelFixture()
    {
        SilenceNativeLog();
        ModelPath = Path.Combine(_folder.FullName, "tiny.gguf");
        AdapterPath = Path.Combine(_folder.FullName, "tiny-lora.gguf");
        TinyLlamaModel.Write(ModelPath);
        TinyLlamaModel.WriteLoraAdapter(AdapterPath);
    }

    public string Folder => _folder.FullName;

    public string ModelPath { get; }

    public string AdapterPath { get; }

    /// <summary>CPU-only parameters; one thread is as fast as two for a model this small.</summary>
    public ModelParams Parameters() => new(ModelPath)
    {
        ContextSize = TinyLlamaModel.ContextLength,
        Threads = 1,
        BatchThreads = 1,
        GpuLayerCount = 0,
    };

    public void Dispose() => _folder.Delete(recursive: true);

    /// <summary>
    /// llama.cpp logs every tensor it loads to stderr. The callback has to be registered before
    /// the native library loads; if some other test loaded it first, set it on the live library.
    /// </summary>
    private static void SilenceNativeLog()
    {
        if (NativeLibraryConfig.LLama.LibraryHasLoaded)
        {
            NativeLogConfig.llama_log_set(Quiet);
        }
        else
        {
            NativeLibraryConfig.All.WithLogCallback(Quiet);
        }
    }

    private static void Quiet(LLamaLogLevel level, string message)
    {
    }
}
