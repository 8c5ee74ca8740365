using Linguacodus.Core.Data;
using Linguacodus.Core.Engine.Llm;
using Linguacodus.Core.Tasks;
using Linguacodus.Tests.Infrastructure;

namespace Linguacodus.Tests.Core;

/// <summary>Image headers and image folders read from real files: the digit-images example and files made from it.</summary>
public sealed class ImageFolderProfileTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("linguacodus-images-test-").FullName;

    private static string ExamplePng => Path.Combine(Repository.Example("digit-images"), "train_images", "img_1000.png");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Read_Png_GivesSizeAndChannelsFromIhdr()
    {
        Assert.Equal(new ImageHeader("png", 32, 32, 1), ImageHeader.Read(ExamplePng));
    }

    [Fact]
    public void Read_Jpeg_FindsTheFrameHeaderAfterOtherSegments()
    {
        // SOI, an APP0 (JFIF) segment, a baseline frame of 64x48 with 3 components, EOI.
        byte[] jpeg =
        [
            0xFF, 0xD8,
            0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
            0xFF, 0xC0, 0x00, 0x11, 8, 0x00, 48, 0x00, 64, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
            0xFF, 0xD9,
        ];
        var path = Write("photo.jpg", jpeg);

        Assert.Equal(new ImageHeader("jpeg", 64, 48, 3), ImageHeader.Read(path));
    }

    [Fact]
    public void Read_DamagedFiles_SayWhatIsWrong()
    {
        var png = File.ReadAllBytes(ExamplePng);
        var cut = Write("cut.png", png[..(png.Length / 2)]);
        var text = Write("text.png", "id,label\n"u8.ToArray());
        var empty = Write("empty.png", []);

        Assert.Contains("cut short", Assert.Throws<InvalidDataException>(() => ImageHeader.Read(cut)).Message);
        Assert.Contains("not an image", Assert.Throws<InvalidDataException>(() => ImageHeader.Read(text)).Message);
        Assert.Contains("empty", Assert.Throws<InvalidDataException>(() => ImageHeader.Read(empty)).Message);
    }

    [Theory]
    [InlineData("img_1000", "img_1000.png")]
    [InlineData("img_1000.png", "img_1000.png")]
    [InlineData("train_images/img_1000.png", "img_1000.png")]
    [InlineData("./train_images/img_1000", "img_1000.png")]
    [InlineData(" sub\\cat_7 ", "sub/cat_7.jpg")]
    [InlineData("cat_7", "sub/cat_7.jpg")]
    [InlineData("img_1001", null)]
    [InlineData("", null)]
    public void Find_MatchesNamesWithOrWithoutFolderAndExtension(string value, string? expected)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "train_images")).FullName;
        File.WriteAllBytes(Path.Combine(folder, "img_1000.png"), []);
        Directory.CreateDirectory(Path.Combine(folder, "sub"));
        File.WriteAllBytes(Path.Combine(folder, "sub", "cat_7.jpg"), []);

        Assert.Equal(expected, new ImageFileIndex("train_images", folder).Find(value));
    }

    [Fact]
    public void Profile_Example_CountsFormatsSizesAndTheColumnNamingTheFiles()
    {
        var profile = DataProfiler.Profile(TaskFolder.Load(Repository.Example("digit-images")));

        var folders = Assert.IsAssignableFrom<IReadOnlyList<ImageFolderProfile>>(profile.ImageFolders);
        Assert.Equal(["test_images", "train_images"], folders.Select(f => f.Folder));
        var train = folders[1];
        Assert.Equal(600, train.Files);
        Assert.Equal([new ImageFormatCount("png", 600)], train.Formats);
        Assert.Equal([new ImageShapeCount(32, 32, 1, 600)], train.Shapes);
        Assert.Equal(0, train.Unreadable);
        var link = Assert.Single(train.Links);
        Assert.Equal(("train.csv", FileRole.Train, "image_id", 600L, 0L), (link.Table, link.Role, link.Column, link.Rows, link.Missing));
        Assert.Empty(link.MissingExamples);
        Assert.Equal("test.csv", Assert.Single(folders[0].Links).Table);
    }

    [Fact]
    public void Profile_DamagedAndMissingImages_AreCountedAndNamed()
    {
        var task = CopyExample();
        File.WriteAllText(Path.Combine(task, "test_images", "img_1001.png"), "not a picture");
        File.Delete(Path.Combine(task, "train_images", "img_1000.png"));

        var folders = DataProfiler.Profile(TaskFolder.Load(task)).ImageFolders!;

        var test = folders.Single(f => f.Folder == "test_images");
        Assert.Equal(1, test.Unreadable);
        Assert.StartsWith("img_1001.png: not an image", Assert.Single(test.UnreadableExamples));
        var link = Assert.Single(folders.Single(f => f.Folder == "train_images").Links);
        Assert.Equal((600L, 1L), (link.Rows, link.Missing));
        Assert.Equal(["img_1000"], link.MissingExamples);
    }

    [Fact]
    public void Describe_ImageTask_ListsFoldersCountsSizesExamplesAndTheNamingColumn()
    {
        var profile = DataProfiler.Profile(TaskFolder.Load(Repository.Example("digit-images")));

        var text = PromptValues.Describe(profile);

        Assert.Contains("image folder train_images/: 600 files; png 600; sizes 32x32x1 (600); e.g. img_1000.png", text);
        Assert.Contains("- train.csv column 'image_id' names these files", text);
        Assert.Contains("- test.csv column 'image_id' names these files", text);
        Assert.Contains("image folder train_images/", PromptValues.Describe(profile, PromptCut.Whole with { ColumnNamesOnly = true }));
    }

    [Fact]
    public void Profile_TaskWithoutImages_HasNoImageFolders()
    {
        Assert.Empty(DataProfiler.Profile(TaskFolder.Load(Repository.Example("digits"))).ImageFolders!);
    }

    /// <summary>A copy of the digit-images example in a temporary folder, for changing its files.</summary>
    private string CopyExample()
    {
        var target = Path.Combine(_root, "task");
        var source = Repository.Example("digit-images");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        return target;
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
