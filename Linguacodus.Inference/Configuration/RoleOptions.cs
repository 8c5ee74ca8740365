namespace Linguacodus.Inference.Configuration;

/// <summary>
/// Which back end plays each of the engine's roles, by its Name; an empty role uses the default back end
/// (Inference:DefaultBackend, else the first). Roles may mix a local model and OpenAI-compatible endpoints.
/// </summary>
public sealed class RoleOptions
{
    /// <summary>Writes the three candidate instructions.</summary>
    public string Instructor { get; set; } = "";

    /// <summary>Critiques the candidates.</summary>
    public string Researcher { get; set; } = "";

    /// <summary>Picks and improves the best candidate.</summary>
    public string Resolver { get; set; } = "";

    /// <summary>Writes and repairs the code.</summary>
    public string Coder { get; set; } = "";

    /// <summary>The roles by name, with the back end each names (possibly empty).</summary>
    public IReadOnlyList<(string Role, string Backend)> All =>
        [("Instructor", Instructor), ("Researcher", Researcher), ("Resolver", Resolver), ("Coder", Coder)];
}
