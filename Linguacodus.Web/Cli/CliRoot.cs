using System.CommandLine;
using System.CommandLine.Invocation;
using Linguacodus.Core.Tasks;
using Microsoft.Extensions.Options;

namespace Linguacodus.Web.Cli;

/// <summary>
/// The command line of the web binary: the verbs' command tree, `help`, and plain messages with exit code 2 for
/// bad flags, folders and settings (no stack traces). Progress goes to stderr, results to stdout.
/// </summary>
public static class CliRoot
{
    /// <summary>The exit code of a command line that could not be carried out as given.</summary>
    public const int UsageError = 2;

    private static readonly HashSet<string> HelpTokens = ["--help", "-h", "-?", "/?", "/h", "--version"];

    /// <summary>
    /// Whether the arguments are the command line's: a word (a verb, `help`, or a mistyped verb, which gets a
    /// message rather than a web server) or a help option. No arguments, or host settings such as `--urls URL`
    /// or `urls=URL`, start the web app.
    /// </summary>
    public static bool Handles(IReadOnlyList<string> args) =>
        args.Count > 0 && (HelpTokens.Contains(args[0]) || !(args[0].StartsWith('-') || args[0].Contains('=')));

    public static RootCommand Build()
    {
        var root = new RootCommand("Linguacodus turns an ML task in plain words into a scored solution. Without arguments the web app starts.")
        {
            SolveCommand.Create(),
            EvalCommand.Create(),
            ExecCommand.Create(),
            BenchCommand.Create(),
            ExportCommand.Create(),
        };
        var verb = new Argument<string?>("verb") { Description = "the verb to describe", Arity = ArgumentArity.ZeroOrOne };
        var help = new Command("help", "Show the verbs, or one verb's usage") { verb };
        help.SetAction(parsed => root.Parse(parsed.GetValue(verb) is { } name ? [name, "--help"] : ["--help"]).Invoke());
        root.Subcommands.Add(help);
        // Reached only with options and no verb (no arguments at all start the web app).
        root.SetAction(_ => Fail("name a verb (solve, eval, exec, bench, export-training or help), or give no arguments to start the web app."));
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var parsed = Build().Parse(args);
        // Help clears parse errors (`solve --help` needs no task folder); any other error is a usage error.
        if (parsed.Errors.Count > 0 && parsed.Action is not CommandLineAction { ClearsParseErrors: true })
        {
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine($"linguacodus: {error.Message}");
            }
            var verb = parsed.CommandResult.Command is RootCommand ? "" : $" {parsed.CommandResult.Command.Name}";
            Console.Error.WriteLine($"Run 'linguacodus{verb} --help' for the usage.");
            return UsageError;
        }
        try
        {
            // Ctrl+C or SIGTERM cancels the token the verbs get: a run stops its program and saves its state, given
            // time to do so before the process ends.
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
        }
        catch (Exception error) when (error is TaskFolderException or ArgumentException or IOException or OptionsValidationException)
        {
            return Fail(error.Message);
        }
    }

    internal static int Fail(string message)
    {
        Console.Error.WriteLine($"linguacodus: {message}");
        return UsageError;
    }
}
