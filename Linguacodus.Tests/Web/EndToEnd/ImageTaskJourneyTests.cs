using System.IO.Compression;
using Linguacodus.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Linguacodus.Tests.Web.EndToEnd;

/// <summary>An image task uploaded as one zip, as a competition ships it, or as its folder, in a real Chromium with real Python.</summary>
[Trait("Category", "EndToEnd")]
public sealed class ImageTaskJourneyTests(WebAppFixture app, ITestOutputHelper output) : IClassFixture<WebAppFixture>
{
    [Fact]
    public Task Zip_ImageTaskWithImageFolders_KeepsTheImagesAndTheRunSucceeds() => Chromium.JourneyAsync(app, output, $"{nameof(ImageTaskJourneyTests)}-zip", async page =>
    {
        var example = Repository.Example("digit-images");
        await Chromium.OpenNewTaskAsync(page, app.BaseUrl);
        // As the other upload journeys do: a field typed in first, so the page is live before the file is set.
        await page.FillAsync("[data-testid=task-target]", "label");

        await page.SetInputFilesAsync("[data-testid=task-files]", [new FilePayload { Name = "digit-images.zip", MimeType = "application/zip", Buffer = Zip(example) }]);

        await Expect(page.Locator(".lc-file-name")).ToHaveTextAsync(["train.csv", "test.csv", "sample_submission.csv"], new() { Timeout = 60_000 });
        await Expect(page.Locator("[data-testid=upload-note]").Filter(new() { HasText = "800 image files" })).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=upload-problem]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=task-title]")).ToHaveValueAsync("Handwritten Digits from Image Files");
        await Expect(page.Locator("[data-testid=task-metric]")).ToHaveValueAsync("accuracy");
        await page.ClickAsync("[data-testid=start-run]");
        await page.WaitForURLAsync("**/runs/*");

        await Expect(page.Locator("[data-testid=profile-images]")).ToContainTextAsync("train_images/: 600 files; png 600; sizes 32x32x1", new() { Timeout = 60_000 });
        await Expect(page.Locator("[data-testid=profile-images]")).ToContainTextAsync("train.csv names these files in image_id");
        await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync("awaiting choice", new() { Timeout = 60_000 });
        await page.ClickAsync("[data-testid=choose-candidate-1]");
        await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync("succeeded", new() { Timeout = 180_000 });
        await Expect(page.Locator("[data-testid=download-submission]")).ToBeVisibleAsync();
    });

    [Fact]
    public Task FolderPick_ImageTaskFolder_KeepsItsImageFoldersForTheProfile() => Chromium.JourneyAsync(app, output, $"{nameof(ImageTaskJourneyTests)}-folder", async page =>
    {
        await Chromium.OpenNewTaskAsync(page, app.BaseUrl);
        await page.FillAsync("[data-testid=task-target]", "label");

        await page.SetInputFilesAsync("[data-testid=task-folder-files]", Repository.Example("digit-images"));

        await Expect(page.Locator(".lc-file-name")).ToHaveTextAsync(["train.csv", "test.csv", "sample_submission.csv"], new() { Timeout = 60_000 });
        await Expect(page.Locator("[data-testid=upload-note]").Filter(new() { HasText = "800 image files were kept in test_images/, train_images/." })).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=upload-problem]")).ToHaveCountAsync(0);
        await page.ClickAsync("[data-testid=start-run]");
        await page.WaitForURLAsync("**/runs/*");

        await Expect(page.Locator("[data-testid=profile-images]")).ToContainTextAsync("train_images/: 600 files; png 600; sizes 32x32x1", new() { Timeout = 60_000 });
        await Expect(page.Locator("[data-testid=profile-images]")).ToContainTextAsync("test_images/: 200 files");
        await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync("awaiting choice", new() { Timeout = 60_000 });
    });

    /// <summary>The example folder zipped under one top-level folder, its image folders inside.</summary>
    private static byte[] Zip(string folder)
    {
        using var memory = new MemoryStream();
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                archive.CreateEntryFromFile(file, "digit-images/" + Path.GetRelativePath(folder, file).Replace('\\', '/'), CompressionLevel.Fastest);
            }
        }
        return memory.ToArray();
    }
}
