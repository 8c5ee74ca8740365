using LLama.Native;

namespace Linguacodus.Inference.LlamaSharp;

/// <summary>llama.cpp logs every tensor it loads; only its warnings and errors are worth an analyst's terminal.</summary>
public static class LlamaNativeLog
{
    private static int _configured;

    /// <summary>Must run before the native library loads; later calls do nothing.</summary>
    public static void KeepWarningsOnly()
    {
        if (Interlocked.Exchange(ref _configured, 1) == 1)
        {
            return;
        }
        if (NativeLibraryConfig.LLama.LibraryHasLoaded)
        {
            NativeLogConfig.llama_log_set(Write);
        }
        else
        {
            NativeLibraryConfig.All.WithLogCallback(Write);
        }
    }

    private static void Write(LLamaLogLevel level, string message)
    {
        if (level is LLamaLogLevel.Warning or LLamaLogLevel.Error)
        {
            Console.Error.Write($"llama.cpp: {message}");
        }
    }
}
