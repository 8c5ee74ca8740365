using System.Collections.Immutable;
using System.IO.Compression;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Execution;
using Linguacodus.Core.Runs;
using Linguacodus.Web.Runs;

namespace Linguacodus.Tests.Web.Runs;

public sealed class RunArchiveTests : AppComponentTest
{
    [Fact]
    public async Task WriteAsync_PlannedRunWithAttempts_HasEveryPartAndNoLinkedFile()
    {
        var session = await App.StartExampleAsync("breast-cancer");
        var stages = CodeStages.All.ToImmutableDictionary(s => s, s => $"# {s.Title()}\nprint('{s.Slug()}')\n");
        var run = session.Run with
        {
            Stages = stages,
            Attempts =
            [
                new AttemptRecord(1, AttemptTrigger.Generated, stages, [new OutputLine("Traceback: boom", true, 0)], 0, 1, "NameError: boom"),
                new AttemptRecord(2, AttemptTrigger.Fix, stages, [new OutputLine("LINGUACODUS_VALIDATION 0.9", false, 0)], 0, 0),
                // An edit starts its own numbering again.
                new AttemptRecord(1, AttemptTrigger.Edit, stages, [new OutputLine("edited", false, 0)], 0, 0),
            ],
        };
        await File.WriteAllTextAsync(Path.Combine(session.Layout.Root, "run.json"), RunJson.Serialize(run));
        await File.WriteAllTextAsync(Path.Combine(session.Layout.Root, "solution.py"), "print('solution')\n");
        // Generated code (or anyone) plants links: they must not take anything outside the run into the zip.
        File.CreateSymbolicLink(Path.Combine(session.Layout.Root, "submission.csv"), "/etc/passwd");
        File.CreateSymbolicLink(Path.Combine(session.Layout.Root, "task", "extra.csv"), "/etc/hostname");
        // The program's pictures: a real PNG goes in under plots/; a fake one, a link and the program's other files do not.
        Directory.CreateDirectory(session.Layout.Work);
        byte[] png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        await File.WriteAllBytesAsync(Path.Combine(session.Layout.Work, "validation_roc_curve.png"), png);
        await File.WriteAllTextAsync(Path.Combine(session.Layout.Work, "validation_fake.png"), "not a picture");
        File.CreateSymbolicLink(Path.Combine(session.Layout.Work, "validation_link.png"), Path.Combine(session.Layout.Work, "validation_roc_curve.png"));
        await File.WriteAllTextAsync(Path.Combine(session.Layout.Work, "notes.txt"), "scratch");
        using var body = new AsyncOnlyStream();

        await RunArchive.WriteAsync(run, session.Layout, body, CancellationToken.None);

        using var zip = new ZipArchive(new MemoryStream(body.ToArray()), ZipArchiveMode.Read);
        var names = zip.Entries.Select(e => e.FullName).ToHashSet();
        Assert.Contains("task/task.json", names);
        Assert.Contains("task/train.csv", names);
        Assert.Contains("task/test.csv", names);
        Assert.Contains("profile.json", names);
        Assert.Contains("instructions/candidate-1.md", names);
        Assert.Contains("instructions/candidate-3.md", names);
        Assert.Contains("instructions/verdict.md", names);
        Assert.Contains("code/1-preprocessing.py", names);
        Assert.Contains("code/4-submission.py", names);
        Assert.Contains("logs/attempt-1.log", names);
        Assert.Contains("logs/attempt-2.log", names);
        Assert.Contains("edited", Read(zip, "logs/attempt-3.log"));
        Assert.Contains("run.json", names);
        Assert.Contains("solution.py", names);
        Assert.DoesNotContain("submission.csv", names);
        Assert.DoesNotContain("task/extra.csv", names);
        Assert.DoesNotContain(names, n => n.StartsWith("work/", StringComparison.Ordinal) || n.Contains("..", StringComparison.Ordinal));
        Assert.Equal(["plots/validation_roc_curve.png"], names.Where(n => n.StartsWith("plots/", StringComparison.Ordinal)));
        using (var picture = new MemoryStream())
        {
            await zip.GetEntry("plots/validation_roc_curve.png")!.Open().CopyToAsync(picture);
            Assert.Equal(png, picture.ToArray());
        }
        Assert.Equal(session.Run.Candidates[0], Read(zip, "instructions/candidate-1.md"));
        Assert.Contains(session.Run.Verdict!.ImprovedInstruction, Read(zip, "instructions/verdict.md"));
        Assert.Contains("NameError: boom", Read(zip, "logs/attempt-1.log"));
        Assert.Contains("[stderr] Traceback: boom", Read(zip, "logs/attempt-1.log"));
        Assert.Contains("\"target_column\": \"diagnosis\"", Read(zip, "profile.json"));
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(session.Layout.Root, "task", "train.csv")), Read(zip, "task/train.csv"));
    }

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    /// <summary>A response body as Kestrel has it: not seekable, and synchronous writes are refused.</summary>
    private sealed class AsyncOnlyStream : Stream
    {
        private readonly MemoryStream _inner = new();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public byte[] ToArray() => _inner.ToArray();

        public override void Flush() => throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => _inner.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _inner.WriteAsync(buffer, offset, count, cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
