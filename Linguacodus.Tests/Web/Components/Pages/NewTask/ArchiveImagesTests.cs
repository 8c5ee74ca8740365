using System.IO.Compression;
using System.Text;
using Linguacodus.Core.Tasks;
using Linguacodus.Tests.Infrastructure;
using Linguacodus.Web.Components.Pages.NewTask;
using Linguacodus.Web.Intake;

namespace Linguacodus.Tests.Web.Components.Pages.NewTask;

/// <summary>Task zips with image folders, made here from the digit-images example's real PNG files.</summary>
public sealed class ArchiveImagesTests : IDisposable
{
    private const string Train = "image_id,label\na,1\nb,2\n";
    private const string Test = "image_id\nc\n";

    private static readonly byte[] Png = File.ReadAllBytes(Path.Combine(Repository.Example("digit-images"), "train_images", "img_1000.png"));

    private readonly string _root = Directory.CreateTempSubdirectory("linguacodus-archive-images-test-").FullName;

    private string Target => Directory.CreateDirectory(Path.Combine(_root, "upload")).FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Extract_TaskWithImageFolders_KeepsTheirPathsFromTheTablesFolder()
    {
        var zip = Zip(
            ("digits/train.csv", Encoding.UTF8.GetBytes(Train)), ("digits/test.csv", Encoding.UTF8.GetBytes(Test)),
            ("digits/train_images/a.png", Png), ("digits/train_images/b.png", Png), ("digits/test_images/c.png", Png));

        var result = await ExtractAsync(zip, new UploadLimits());

        Assert.Equal(["train.csv", "test.csv"], result.Saved);
        Assert.Empty(result.Problems);
        Assert.Equal(["3 image files from 'task.zip' were kept in test_images/, train_images/."], result.Notes);
        Assert.Equal(Png, await File.ReadAllBytesAsync(Path.Combine(Target, "train_images", "b.png")));
        Assert.True(File.Exists(Path.Combine(Target, "test_images", "c.png")));
    }

    [Fact]
    public async Task Extract_TraversalLooseAndFakeImages_AreRefused()
    {
        var zip = Zip(
            ("train.csv", Encoding.UTF8.GetBytes(Train)),
            ("../evil/a.png", Png), ("train_images/../../b.png", Png), ("/abs/c.png", Png),
            ("loose.png", Png), ("train_images/fake.png", Encoding.UTF8.GetBytes("MZ not an image")), ("train_images/ok.png", Png));

        var result = await ExtractAsync(zip, new UploadLimits());

        Assert.Equal(3, result.Notes.Count(n => n.Contains("its path points outside the archive", StringComparison.Ordinal)));
        var problem = Assert.Single(result.Problems);
        Assert.StartsWith("2 image file(s) in 'task.zip' were not kept: loose.png (an image must sit in a folder", problem);
        Assert.Contains("'train_images/fake.png' is named like an image but its first bytes are not", problem);
        Assert.Equal(["ok.png"], Directory.EnumerateFiles(Path.Combine(Target, "train_images")).Select(Path.GetFileName));
        Assert.Equal(["train.csv"], Directory.EnumerateFiles(Target).Select(Path.GetFileName));
        Assert.False(Directory.Exists(Path.Combine(_root, "evil")));
    }

    [Fact]
    public async Task Extract_ImagesPastTheUnpackedLimit_StopAtIt()
    {
        var big = new byte[700 * 1024];
        Png.CopyTo(big, 0);
        var zip = Zip(("train.csv", Encoding.UTF8.GetBytes(Train)), ("images/1.png", big), ("images/2.png", big), ("images/3.png", big));

        var result = await ExtractAsync(zip, new UploadLimits { MaxArchiveMegabytes = 1 });

        Assert.Contains("'task.zip' unpacks to more than 1 MB; 'images/2.png' and the rest were not unpacked.", result.Problems);
        Assert.Equal(["1.png"], Directory.EnumerateFiles(Path.Combine(Target, "images")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Extract_MoreEntriesThanConfigured_IsRefused()
    {
        var zip = Zip(("train.csv", Encoding.UTF8.GetBytes(Train)), ("images/1.png", Png), ("images/2.png", Png));

        var result = await ExtractAsync(zip, new UploadLimits { MaxArchiveEntries = 2 });

        Assert.Equal(["'task.zip' lists 3 entries; a task folder's zip may have at most 2."], result.Problems);
    }

    [Fact]
    public async Task TakeFiles_ExampleZipped_MakesATaskWithItsImageFolders()
    {
        var example = Repository.Example("digit-images");
        var zip = Path.Combine(_root, "digit-images.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            foreach (var file in Directory.EnumerateFiles(example, "*", SearchOption.AllDirectories))
            {
                archive.CreateEntryFromFile(file, "digit-images/" + Path.GetRelativePath(example, file), CompressionLevel.Fastest);
            }
        }

        var result = await new TaskIntake(new UploadLimits()).TakeFilesAsync(Target, [IntakeFile.FromPath(zip)], null, CancellationToken.None);

        Assert.Empty(result.Problems);
        Assert.Contains("800 image files from 'digit-images.zip' were kept in test_images/, train_images/.", result.Notes);
        var task = TaskFolder.Create(Target, Assert.Single(result.Tasks).Task);
        Assert.Equal(["test_images", "train_images"], task.Layout.ImageFolders.Select(f => f.Name));
        Assert.Equal(600, Directory.GetFiles(Path.Combine(Target, "train_images")).Length);
    }

    [Fact]
    public async Task TakeFolder_ImagesChosenInAFolder_GoToOneImagesFolderCheckedByTheirBytes()
    {
        var intake = new TaskIntake(new UploadLimits());
        IntakeFile[] files =
        [
            Offered("train.csv", Encoding.UTF8.GetBytes(Train)), Offered("test.csv", Encoding.UTF8.GetBytes(Test)),
            Offered("a.png", Png), Offered("b.png", Png), Offered("c.PNG", Png), Offered("a.png", Png), Offered("evil.png", Encoding.UTF8.GetBytes("#!/bin/sh")),
        ];

        var result = await intake.TakeFolderAsync(Target, files, null, CancellationToken.None);

        Assert.Equal(["train.csv", "test.csv"], result.Saved);
        Assert.Contains("3 image files were kept in images/.", result.Notes);
        var problem = Assert.Single(result.Problems);
        Assert.Contains("a second images/a.png", problem);
        Assert.Contains("'evil.png' is named like an image but its first bytes are not", problem);
        Assert.Equal(["a.png", "b.png", "c.PNG"], Directory.EnumerateFiles(Path.Combine(Target, "images")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TakeFolder_ImagesInSubfoldersOfTheChosenFolder_KeepTheirFoldersAndMakeImageFolders()
    {
        var intake = new TaskIntake(new UploadLimits());
        IntakeFile[] files =
        [
            Offered("train.csv", Encoding.UTF8.GetBytes(Train)), Offered("test.csv", Encoding.UTF8.GetBytes(Test)),
            Offered("a.png", Png) with { Folder = IntakeFile.FolderOf("task/train_images/a.png") },
            Offered("a.png", Png) with { Folder = IntakeFile.FolderOf("task/test_images/a.png") },
            Offered("b.png", Png) with { Folder = IntakeFile.FolderOf("task/train_images/b.png") },
            Offered("loose.png", Png) with { Folder = IntakeFile.FolderOf("task/loose.png") },
        ];

        var result = await intake.TakeFolderAsync(Target, files, null, CancellationToken.None);

        Assert.Empty(result.Problems);
        Assert.Contains("4 image files were kept in images/, test_images/, train_images/.", result.Notes);
        Assert.Equal(["a.png", "b.png"], Directory.EnumerateFiles(Path.Combine(Target, "train_images")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["a.png"], Directory.EnumerateFiles(Path.Combine(Target, "test_images")).Select(Path.GetFileName));
        Assert.Equal(["loose.png"], Directory.EnumerateFiles(Path.Combine(Target, "images")).Select(Path.GetFileName));
        Assert.Empty(Directory.EnumerateFiles(Target, "*.part", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("task/train_images/a.png", "train_images")]
    [InlineData("task/images/train/a.png", "images/train")]
    [InlineData("task/my images!/a.png", "my_images_")]
    [InlineData("task/a.png", null)]
    [InlineData("a.png", null)]
    [InlineData("task/../a.png", null)]
    [InlineData("task/ok/../a.png", null)]
    [InlineData("task/train.csv/a.png", null)]
    [InlineData("task/TASK.JSON/a.png", null)]
    [InlineData(null, null)]
    public void FolderOf_BrowserPath_IsTheSanitisedFolderBelowTheChosenOne(string? path, string? folder) =>
        Assert.Equal(folder, IntakeFile.FolderOf(path));

    private IntakeFile Offered(string name, byte[] content)
    {
        var path = Path.Combine(Directory.CreateDirectory(Path.Combine(_root, "offered", Guid.NewGuid().ToString("N"))).FullName, name);
        File.WriteAllBytes(path, content);
        return IntakeFile.FromPath(path);
    }

    private Task<TaskArchiveResult> ExtractAsync(string zip, UploadLimits limits) =>
        TaskArchive.ExtractAsync(zip, "task.zip", Target, limits, CancellationToken.None);

    private string Zip(params (string Name, byte[] Content)[] entries)
    {
        var path = Path.Combine(_root, "task.zip");
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, content) in entries)
        {
            using var stream = archive.CreateEntry(name, CompressionLevel.Fastest).Open();
            stream.Write(content);
        }
        return path;
    }
}
