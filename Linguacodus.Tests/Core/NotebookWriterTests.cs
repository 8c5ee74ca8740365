using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Linguacodus.Core.Artifacts;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Execution;
using Linguacodus.Core.Runs;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Tests.Core;

/// <summary>The notebook's training cell carries the validation pictures the program saved, and only real, bounded PNG files.</summary>
public sealed class NotebookWriterTests : IDisposable
{
    // A 1x1 PNG.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("lc-notebook-work-");
    private readonly DirectoryInfo _outside = Directory.CreateTempSubdirectory("lc-notebook-outside-");

    public void Dispose()
    {
        _work.Delete(recursive: true);
        _outside.Delete(recursive: true);
    }

    [Fact]
    public void Write_SucceededAttemptWithPictures_TrainingCellCarriesTheRealPngsOnly()
    {
        File.WriteAllBytes(Path.Combine(_work.FullName, "validation_roc_curve.png"), Png);
        File.WriteAllBytes(Path.Combine(_work.FullName, "validation_confusion_matrix.png"), Png);
        // Named like a picture, but not one: text, empty, a link out of the folder, and a picture not among the diagnostics.
        File.WriteAllText(Path.Combine(_work.FullName, "validation_fake.png"), "not a picture");
        File.WriteAllBytes(Path.Combine(_work.FullName, "validation_empty.png"), []);
        File.WriteAllBytes(Path.Combine(_outside.FullName, "secret.png"), Png);
        File.CreateSymbolicLink(Path.Combine(_work.FullName, "validation_link.png"), Path.Combine(_outside.FullName, "secret.png"));
        File.WriteAllBytes(Path.Combine(_work.FullName, "scratch.png"), Png);

        var notebook = JsonNode.Parse(NotebookWriter.Write(Run(exitCode: 0), Run(exitCode: 0).Attempts[^1], _work.FullName))!;

        var images = Images(notebook);
        Assert.Equal(["Model Training", "Model Training"], images.Select(i => i.Stage));
        Assert.Equal(["<validation_confusion_matrix.png>", "<validation_roc_curve.png>"], images.Select(i => i.Alt));
        Assert.All(images, i => Assert.Equal(Png, Convert.FromBase64String(i.Base64)));
        // The stream output the cell printed stays before the pictures.
        var training = Cell(notebook, "Model Training");
        Assert.Equal("stream", training["outputs"]![0]!["output_type"]!.GetValue<string>());
    }

    [Fact]
    public void Write_FailedAttempt_CarriesNoPictures()
    {
        // A failed attempt may have stopped before its training: the pictures there would be an earlier attempt's.
        File.WriteAllBytes(Path.Combine(_work.FullName, "validation_roc_curve.png"), Png);
        var run = Run(exitCode: 1);

        var notebook = JsonNode.Parse(NotebookWriter.Write(run, run.Attempts[^1], _work.FullName))!;

        Assert.Empty(Images(notebook));
    }

    [Fact]
    public void Write_PictureOverTheLimit_IsLeftOut()
    {
        using (var big = File.Create(Path.Combine(_work.FullName, "validation_huge.png")))
        {
            big.Write(Png);
            big.SetLength(NotebookImages.MaxBytes + 1);
        }
        File.WriteAllBytes(Path.Combine(_work.FullName, "validation_small.png"), Png);
        var run = Run(exitCode: 0);

        var notebook = JsonNode.Parse(NotebookWriter.Write(run, run.Attempts[^1], _work.FullName))!;

        Assert.Equal(["<validation_small.png>"], Images(notebook).Select(i => i.Alt));
    }

    private static RunSnapshot Run(int exitCode)
    {
        var stages = CodeStages.All.ToImmutableDictionary(s => s, s => $"print('{s.Slug()}')");
        var log = CodeStages.All.Select((s, i) => new OutputLine($"ran {s.Slug()}", false, i + 1)).ToImmutableList();
        var run = RunSnapshot.Start(Guid.NewGuid(), new MlTask("Task", "Predict.", "tabular", "roc auc", "", ""), "baseline");
        return run with
        {
            Stages = stages,
            Attempts = [new AttemptRecord(1, AttemptTrigger.Generated, stages, log, 0, exitCode, Score: 0.9, NaiveScore: 0.5)],
        };
    }

    private static JsonNode Cell(JsonNode notebook, string stage) =>
        notebook["cells"]!.AsArray().Single(c => c!["source"]![0]!.GetValue<string>() == $"# {stage}\n")!;

    private static List<(string Stage, string Alt, string Base64)> Images(JsonNode notebook) =>
        [.. notebook["cells"]!.AsArray()
            .Where(c => c!["cell_type"]!.GetValue<string>() == "code")
            .SelectMany(c => c!["outputs"]!.AsArray()
                .Where(o => o!["output_type"]!.GetValue<string>() == "display_data")
                .Select(o => (c!["source"]![0]!.GetValue<string>()[2..].TrimEnd('\n'), o!["data"]!["text/plain"]!.GetValue<string>(), o["data"]!["image/png"]!.GetValue<string>())))];
}
