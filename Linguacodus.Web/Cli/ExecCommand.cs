using System.CommandLine;
using Linguacodus.Core.Execution;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Web.Cli;

/// <summary>`exec`: runs a program in the sandbox with a task's data, as the web app's "Run the code" does; exits with its code.</summary>
internal static class ExecCommand
{
    public static Command Create()
    {
        var folder = CliOptions.TaskFolder("the task folder whose CSV files the program reads");
        var script = new Argument<FileInfo>("script.py") { Description = "the Python program to run" };
        var output = CliOptions.Out("the working folder (default: a new temporary folder)");
        var command = new Command("exec", "Run a program in the sandbox with a task's data; its output streams, the exit code is the program's") { folder, script, output };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var task = TaskFolder.Load(parsed.GetRequiredValue(folder).FullName);
            var program = parsed.GetRequiredValue(script);
            if (!program.Exists)
            {
                return CliRoot.Fail($"{program}: no such file.");
            }
            await using var services = await CliServices.BuildAsync(new CliSettings(), cancellationToken);
            var sandbox = services.GetRequiredService<ICodeSandbox>();
            if (await sandbox.CheckAsync(cancellationToken) is { } refusal)
            {
                return CliRoot.Fail(refusal);
            }
            var work = Directory.CreateDirectory(parsed.GetValue(output)?.FullName ?? Directory.CreateTempSubdirectory("linguacodus-exec-").FullName).FullName;
            var copy = Path.Combine(work, program.Name);
            program.CopyTo(copy, overwrite: true);
            // The task's data is read in place, read-only: the folder given is never copied nor changed.
            var result = await sandbox.RunAsync(work, copy, task.Layout.SandboxInputs, line => (line.IsError ? Console.Error : Console.Out).WriteLine(line.Text), cancellationToken);
            if (result.LimitMessage is { } limit)
            {
                Console.Error.WriteLine($"linguacodus: {limit}");
            }
            if (result.Stopped)
            {
                Console.Error.WriteLine("linguacodus: stopped");
            }
            return result.ExitCode;
        });
        return command;
    }
}
