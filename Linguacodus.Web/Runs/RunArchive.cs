using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Runs;

namespace Linguacodus.Web.Runs;

/// <summary>
/// The whole run as one zip, written straight to a stream (the response body) with async writes only: the task's
/// files, the data profile, the three candidates, the verdict, the code stages, the log of every attempt, and the
/// artifacts (run.json, notebook, script, submission) when present, and under plots/ the images the program saved
/// (the validation diagnostics among them), as the run page shows them.
/// </summary>
/// <remarks>
/// Files come only from fixed places the server itself writes (task/ and the artifacts at the top of the run
/// folder); from the sandbox's work/ folder only the images <see cref="RunPlots"/> lists and reads back as real PNG or
/// JPEG files. A symlink or anything else that is not a regular file is left out, so nothing outside the run folder
/// can end up in the zip.
/// </remarks>
public static class RunArchive
{
    /// <summary>Artifacts at the top of the run folder, by the name they keep in the zip.</summary>
    private static readonly string[] Artifacts = [RunLayout.DocumentName, RunLayout.NotebookName, RunLayout.ScriptName, RunLayout.SubmissionName];

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static string FileName(Guid runId) => $"{runId:N}-run.zip";

    public static async Task WriteAsync(RunSnapshot run, RunLayout folder, Stream output, CancellationToken cancellationToken)
    {
        await using var body = new AsyncWriteStream(output);
        await using (var zip = await ZipArchive.CreateAsync(body, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken))
        {
            await WriteEntriesAsync(zip, body, run, folder, cancellationToken);
        }
        await body.FlushAsync(cancellationToken);
    }

    private static async Task WriteEntriesAsync(ZipArchive zip, AsyncWriteStream body, RunSnapshot run, RunLayout folder, CancellationToken cancellationToken)
    {
        var task = new DirectoryInfo(folder.Task);
        if (IsRealDirectory(task))
        {
            foreach (var file in task.EnumerateFiles().OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                await AddFileAsync(zip, body, $"task/{file.Name}", file, cancellationToken);
            }
        }
        if (run.Profile is { } profile)
        {
            await AddTextAsync(zip, body, "profile.json", JsonSerializer.Serialize(profile, RunJson.Options), cancellationToken);
        }
        for (var i = 0; i < run.Candidates.Count; i++)
        {
            await AddTextAsync(zip, body, $"instructions/candidate-{i + 1}.md", run.Candidates[i], cancellationToken);
        }
        if (run.Critique.Length > 0 || run.Verdict is not null)
        {
            await AddTextAsync(zip, body, "instructions/verdict.md", VerdictText(run), cancellationToken);
        }
        if (run.ChosenInstruction is { } chosen)
        {
            await AddTextAsync(zip, body, "instructions/chosen.md", chosen, cancellationToken);
        }
        foreach (var stage in CodeStages.All)
        {
            if (run.Stages.TryGetValue(stage, out var code))
            {
                await AddTextAsync(zip, body, $"code/{(int)stage + 1}-{stage.Slug()}.py", code, cancellationToken);
            }
        }
        // Numbered by position, as the run page's "Run N": an attempt's own number restarts with every edit or resume.
        for (var i = 0; i < run.Attempts.Count; i++)
        {
            await AddTextAsync(zip, body, $"logs/attempt-{i + 1}.log", AttemptLog(i + 1, run.Attempts[i]), cancellationToken);
        }
        var top = new DirectoryInfo(folder.Root);
        if (IsRealDirectory(top))
        {
            foreach (var name in Artifacts)
            {
                await AddFileAsync(zip, body, name, new FileInfo(Path.Combine(top.FullName, name)), cancellationToken);
            }
            foreach (var name in RunPlots.List(folder))
            {
                if (await RunPlots.ReadAsync(folder, name, cancellationToken) is { } image)
                {
                    await AddBytesAsync(zip, body, $"plots/{name}", image.Bytes, cancellationToken);
                }
            }
        }
    }

    internal static string VerdictText(RunSnapshot run)
    {
        var text = new StringBuilder();
        if (run.Verdict is { } verdict)
        {
            text.Append("# The agents' verdict\n\nChosen: candidate ").Append(verdict.ChosenIndex).Append("\n\n## Reasons\n\n")
                .Append(verdict.Reasons).Append("\n\n## Improved instruction\n\n").Append(verdict.ImprovedInstruction).Append('\n');
        }
        if (run.Critique.Length > 0)
        {
            text.Append("\n## Critique\n\n").Append(run.Critique).Append('\n');
        }
        return text.ToString();
    }

    internal static string AttemptLog(int position, AttemptRecord attempt)
    {
        var text = new StringBuilder();
        text.Append("# run ").Append(position).Append(" (").Append(attempt.Trigger).Append("), exit code ")
            .Append(attempt.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none").Append('\n');
        if (attempt.Error is { } error)
        {
            text.Append("# error: ").Append(error.ReplaceLineEndings(" ")).Append('\n');
        }
        for (var i = 0; i < attempt.Log.Count; i++)
        {
            if (i == AttemptRecord.LogHead && attempt.TruncationNote is { } note)
            {
                text.Append(note).Append('\n');
            }
            var line = attempt.Log[i];
            text.Append(line.IsError ? "[stderr] " : "").Append(line.Text).Append('\n');
        }
        return text.ToString();
    }

    private static bool IsRealDirectory(DirectoryInfo directory) => directory.Exists && directory.LinkTarget is null;

    private static Task AddTextAsync(ZipArchive zip, AsyncWriteStream body, string name, string text, CancellationToken cancellationToken) =>
        AddBytesAsync(zip, body, name, Utf8.GetBytes(text), cancellationToken);

    private static async Task AddBytesAsync(ZipArchive zip, AsyncWriteStream body, string name, byte[] bytes, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        await using (var stream = await entry.OpenAsync(cancellationToken))
        {
            await stream.WriteAsync(bytes, cancellationToken);
        }
        await body.FlushAsync(cancellationToken);
    }

    private static async Task AddFileAsync(ZipArchive zip, AsyncWriteStream body, string name, FileInfo file, CancellationToken cancellationToken)
    {
        if (!SafeFile.IsRegular(file))
        {
            return;
        }
        await using var source = TryOpen(file.FullName);
        if (source is null)
        {
            return;
        }
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = file.LastWriteTimeUtc;
        await using (var target = await entry.OpenAsync(cancellationToken))
        {
            await source.CopyToAsync(target, cancellationToken);
        }
        await body.FlushAsync(cancellationToken);
    }

    private static FileStream? TryOpen(string path)
    {
        try
        {
            return File.Open(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.ReadWrite, Options = FileOptions.Asynchronous });
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            return null; // Gone between the listing and the open.
        }
    }
}
