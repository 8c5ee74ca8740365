using System.ComponentModel.DataAnnotations;

namespace Linguacodus.Inference.Configuration;

/// <summary>One model back end. LlamaSharp uses the model fields; OpenAICompatible uses Endpoint and ModelId.</summary>
public sealed class BackendOptions
{
    [Required]
    public string Name { get; set; } = "";

    public BackendKind Kind { get; set; } = BackendKind.LlamaSharp;

    public string ModelPath { get; set; } = "";

    public List<LoraAdapterOptions> LoraAdapters { get; set; } = [];

    [Range(256, 131_072)]
    public int ContextSize { get; set; } = 4_096;

    /// <summary>Layers offloaded to the GPU (CUDA build only); 0 runs on the CPU.</summary>
    [Range(0, 1_000)]
    public int GpuLayerCount { get; set; }

    /// <summary>CPU threads; 0 lets llama.cpp choose.</summary>
    [Range(0, 256)]
    public int Threads { get; set; }

    [Range(1, 16_384)]
    public int BatchSize { get; set; } = 512;

    [Range(1, 32_768)]
    public int MaxOutputTokens { get; set; } = 1_024;

    /// <summary>The paper's inference setting.</summary>
    [Range(0.0, 2.0)]
    public float Temperature { get; set; } = 0.7f;

    public uint Seed { get; set; } = 42;

    /// <summary>Constrain instructions to the paper's sections with a GBNF grammar (local models only).</summary>
    public bool ConstrainInstructions { get; set; } = true;

    public string Endpoint { get; set; } = "";

    public string ModelId { get; set; } = "";

    /// <summary>The environment variable holding the API key; keys never live in configuration files and are never logged.</summary>
    public string ApiKeyVariable { get; set; } = "";

    /// <summary>Retries of a failed request to an endpoint (HTTP 408, 429, 5xx, timeouts, dropped connections), with growing waits.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>How long an endpoint may stay silent (before answering, or between two pieces of a streamed answer).</summary>
    [Range(1, 3_600)]
    public int RequestTimeoutSeconds { get; set; } = 300;
}
