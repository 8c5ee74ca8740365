namespace Linguacodus.Inference.Configuration;

public enum BackendKind
{
    /// <summary>A local GGUF model run by llama.cpp through LLamaSharp.</summary>
    LlamaSharp,

    /// <summary>An OpenAI-compatible HTTP endpoint (vLLM, llama.cpp server, Ollama, OpenAI).</summary>
    OpenAICompatible,
}
