namespace Linguacodus.Inference.Configuration;

/// <summary>The model back ends and which one each role uses.</summary>
public sealed class InferenceOptions
{
    public const string SectionName = "Inference";

    /// <summary>The back end of every role that names none; empty means the first configured one.</summary>
    public string DefaultBackend { get; set; } = "";

    public List<BackendOptions> Backends { get; set; } = [];

    /// <summary>The back end of each role; empty roles use <see cref="Default"/>.</summary>
    public RoleOptions Roles { get; set; } = new();

    /// <summary>A folder of prompt templates that replace the built-in ones by file name (see PromptLibrary); empty for none.</summary>
    public string PromptOverrides { get; set; } = "";

    public BudgetOptions Budgets { get; set; } = new();

    public BackendOptions? Default => Backends.FirstOrDefault(b => b.Name == DefaultBackend) ?? Backends.FirstOrDefault();

    /// <summary>The back end a role's setting names, or the default one when the setting is empty.</summary>
    public BackendOptions? For(string backendName) => backendName.Length == 0 ? Default : Backends.FirstOrDefault(b => b.Name == backendName);
}
