namespace Linguacodus.Inference.Configuration;

/// <summary>The model back ends and which one each role uses.</summary>
public sealed class InferenceOptions
{
    public const string SectionName = "Inference";

    /// <summary>The back end of the instruction writer; empty means the first configured one.</summary>
    public string DefaultBackend { get; set; } = "";

    public List<BackendOptions> Backends { get; set; } = [];

    public BackendOptions? Default => Backends.FirstOrDefault(b => b.Name == DefaultBackend) ?? Backends.FirstOrDefault();
}
