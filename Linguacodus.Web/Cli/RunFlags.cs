using System.CommandLine;
using System.CommandLine.Parsing;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Engine.Baseline;
using Linguacodus.Core.Runs;

namespace Linguacodus.Web.Cli;

/// <summary>The flags of the verbs that solve tasks (solve, eval): engine, model, choice and budgets.</summary>
internal sealed class RunFlags
{
    public RunFlags() => Engine.AcceptOnlyFromAmong("baseline", "llm");

    public Option<string?> Engine { get; } = new("--engine")
    {
        Description = "baseline (no model) or llm; llm is the default with --model",
        HelpName = "baseline|llm",
    };

    public Option<FileInfo?> Model { get; } = new("--model") { Description = "a local GGUF model for every role", HelpName = "FILE.gguf" };

    public Option<SolveChoice> Choice { get; } = new("--choice")
    {
        Description = "auto takes the agents' improved instruction; best runs every candidate and keeps the best by validation score",
        HelpName = "auto|best|1|2|3",
        DefaultValueFactory = _ => SolveChoice.Auto,
        CustomParser = ParseChoice,
    };

    public Option<int?> MaxFixes { get; } = CliOptions.Number("--max-fixes", 0, 10, "fix attempts after a failing program (Execution:MaxFixes)");

    public Option<int?> MaxSeconds { get; } = CliOptions.Number("--max-seconds", 0, 604_800, "working time of a run (Execution:MaxRunSeconds)");

    public Option<int?> MaxTokens { get; } = CliOptions.Number("--max-tokens", 0, 1_000_000, "output tokens one model step may write (Inference:Budgets:MaxTokensPerStep)");

    public Option<int> Context { get; } = new("--context") { Description = "context size of --model", HelpName = "N", DefaultValueFactory = _ => 4_096 };

    public Option<int> Threads { get; } = new("--threads") { Description = "CPU threads of --model (0: llama.cpp's choice)", HelpName = "N", DefaultValueFactory = _ => 0 };

    public void AddTo(Command command)
    {
        command.Options.Add(Engine);
        command.Options.Add(Model);
        command.Options.Add(Choice);
        command.Options.Add(MaxFixes);
        command.Options.Add(MaxSeconds);
        command.Options.Add(MaxTokens);
        command.Options.Add(Context);
        command.Options.Add(Threads);
    }

    /// <summary>The settings these flags give, over the data directory of configuration.</summary>
    public CliSettings Settings(ParseResult parsed)
    {
        var settings = new CliSettings()
            .MaxFixes(parsed.GetValue(MaxFixes))
            .MaxRunSeconds(parsed.GetValue(MaxSeconds))
            .MaxTokensPerStep(parsed.GetValue(MaxTokens));
        return parsed.GetValue(Model) is { } model ? settings.LocalModel(model.FullName, parsed.GetValue(Context), parsed.GetValue(Threads))
            : EngineName(parsed) == BaselineEngine.Name ? settings.NoBackends()
            : settings;
    }

    /// <summary>
    /// The run service of the services these flags composed; --engine llm needs a language model among them (the
    /// configured back ends or --model), --engine baseline composed none (<see cref="Settings"/>).
    /// </summary>
    public RunService Solver(ParseResult parsed, IServiceProvider services) =>
        EngineName(parsed) != BaselineEngine.Name && services.GetRequiredService<SolutionEngine>().Name == BaselineEngine.Name
            ? throw new ArgumentException("--engine llm needs --model FILE.gguf, or an Inference back end in appsettings.json.")
            : services.GetRequiredService<RunService>();

    private string EngineName(ParseResult parsed) => parsed.GetValue(Engine) ?? (parsed.GetValue(Model) is null ? BaselineEngine.Name : "llm");

    private static SolveChoice ParseChoice(ArgumentResult result)
    {
        try
        {
            return SolveChoice.Parse(result.Tokens.Single().Value);
        }
        catch (ArgumentException invalid)
        {
            result.AddError(invalid.Message);
            return SolveChoice.Auto;
        }
    }
}
