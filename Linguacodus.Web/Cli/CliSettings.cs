using Linguacodus.Core.Execution;
using Linguacodus.Core.Memory;
using Linguacodus.Inference.Configuration;

namespace Linguacodus.Web.Cli;

/// <summary>
/// The settings a command line's flags give, as configuration keys over appsettings.json and the environment, so
/// the services are composed with them as if they were configured, and no shared object is changed afterwards.
/// </summary>
internal sealed class CliSettings
{
    /// <summary>The name of the back end that --model configures (it shows in the engine's name, "llm:local").</summary>
    public const string LocalBackendName = "local";

    private readonly Dictionary<string, string?> _values = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A --model replaces the configured back ends, so that every role runs on the file given.</summary>
    public bool ReplacesBackends { get; private set; }

    public IReadOnlyDictionary<string, string?> Values => _values;

    public CliSettings DataDirectory(string directory) => Set($"{LinguacodusOptions.SectionName}:{nameof(LinguacodusOptions.DataDirectory)}", directory);

    /// <summary>Whether runs are remembered as cases and planning looks cases up (section Memory).</summary>
    public CliSettings Memory(bool remember, bool retrieve) =>
        Set($"{MemoryOptions.SectionName}:{nameof(MemoryOptions.Remember)}", remember.ToString())
            .Set($"{MemoryOptions.SectionName}:{nameof(MemoryOptions.Retrieve)}", retrieve.ToString());

    public CliSettings MaxFixes(int? value) => Set($"{ExecutionOptions.SectionName}:{nameof(ExecutionOptions.MaxFixes)}", value);

    public CliSettings MaxRunSeconds(int? value) => Set($"{ExecutionOptions.SectionName}:{nameof(ExecutionOptions.MaxRunSeconds)}", value);

    public CliSettings MaxTokensPerStep(int? value) =>
        Set($"{InferenceOptions.SectionName}:{nameof(InferenceOptions.Budgets)}:{nameof(BudgetOptions.MaxTokensPerStep)}", value);

    /// <summary>One local GGUF back end, the default of every role; its settings are checked like the configuration's.</summary>
    public CliSettings LocalModel(string path, int contextSize, int threads)
    {
        ReplacesBackends = true;
        const string backend = $"{InferenceOptions.SectionName}:{nameof(InferenceOptions.Backends)}:0";
        Set($"{backend}:{nameof(BackendOptions.Name)}", LocalBackendName);
        Set($"{backend}:{nameof(BackendOptions.Kind)}", nameof(BackendKind.LlamaSharp));
        Set($"{backend}:{nameof(BackendOptions.ModelPath)}", Path.GetFullPath(path));
        Set($"{backend}:{nameof(BackendOptions.ContextSize)}", contextSize);
        Set($"{backend}:{nameof(BackendOptions.Threads)}", threads);
        Set($"{InferenceOptions.SectionName}:{nameof(InferenceOptions.DefaultBackend)}", LocalBackendName);
        foreach (var role in new[] { nameof(RoleOptions.Instructor), nameof(RoleOptions.Researcher), nameof(RoleOptions.Resolver), nameof(RoleOptions.Coder) })
        {
            Set($"{InferenceOptions.SectionName}:{nameof(InferenceOptions.Roles)}:{role}", "");
        }
        return this;
    }

    /// <summary>No language-model back end: the services compose the baseline engine whatever is configured (--engine baseline).</summary>
    public CliSettings NoBackends()
    {
        ReplacesBackends = true;
        return this;
    }

    private CliSettings Set(string key, int? value) => value is { } number ? Set(key, number.ToString()) : this;

    private CliSettings Set(string key, string value)
    {
        _values[key] = value;
        return this;
    }
}
