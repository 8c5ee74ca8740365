using System.CommandLine;
using Linguacodus.Core.Engine.Llm;
using Linguacodus.Core.Memory;
using Linguacodus.Web.Memory;

namespace Linguacodus.Web.Cli;

/// <summary>`export-training`: writes the memory of solved cases as fine-tuning data (JSONL, docs/fine-tuning.md).</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var output = new Option<FileInfo>("--out") { Description = "the JSONL file to write", HelpName = "FILE", Required = true };
        var minScore = new Option<double?>("--min-score")
        {
            Description = "keep only cases at least this good in their metric's direction (>= for accuracy or AUC, <= for RMSE or log loss)",
            HelpName = "S",
        };
        var command = new Command("export-training", "Write the remembered solved cases as Llama 2 prompt/instruction pairs for fine-tuning") { output, minScore };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var file = parsed.GetRequiredValue(output);
            await using var services = await CliServices.BuildAsync(new CliSettings(), cancellationToken);
            var cases = await services.GetRequiredService<CaseMemory>().ListAsync(cancellationToken);
            var prompts = services.GetRequiredService<PromptLibrary>();
            Directory.CreateDirectory(Path.GetDirectoryName(file.FullName)!);
            await using var stream = File.Create(file.FullName);
            var lines = await TrainingExport.WriteAsync(stream, cases, prompts, parsed.GetValue(minScore), cancellationToken);
            Console.Error.WriteLine($"export-training: {lines} line(s) from {cases.Count} remembered case(s) written to {file.FullName}");
            return 0;
        });
        return command;
    }
}
