namespace Linguacodus.Inference.Configuration;

/// <summary>A LoRA adapter in GGUF form (e.g. the paper's Llama-2-7b-chat adapter, converted) and its scale.</summary>
public sealed class LoraAdapterOptions
{
    public string Path { get; set; } = "";

    public float Scale { get; set; } = 1.0f;
}
