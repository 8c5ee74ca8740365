using Bunit;
using Linguacodus.Web.Components.Pages.Run;
using Linguacodus.Web.Runs;

namespace Linguacodus.Tests.Web.Components.Pages.Run;

public sealed class RunDownloadsTests : ComponentTest
{
    [Fact]
    public void Render_Succeeded_LinksEveryArtifactAsDownload()
    {
        var id = Guid.NewGuid();

        var cut = Context.Render<RunDownloads>(p => p.Add(c => c.RunId, id).Add(c => c.Succeeded, true).Add(c => c.HasReport, true));

        foreach (var (testId, artifact) in new[] { ("notebook", "notebook"), ("script", "script"), ("submission", "submission"), ("run", "run") })
        {
            var link = cut.Find($"a[data-testid=download-{testId}]");
            Assert.Equal(Downloads.Url(id, artifact), link.GetAttribute("href"));
            Assert.True(link.HasAttribute("download"));
        }
    }

    [Fact]
    public void Render_NotSucceeded_OffersOnlyTheReport()
    {
        var cut = Context.Render<RunDownloads>(p => p.Add(c => c.RunId, Guid.NewGuid()).Add(c => c.HasReport, true));

        Assert.Empty(cut.FindAll("[data-testid=download-notebook], [data-testid=download-script], [data-testid=download-submission]"));
        Assert.Single(cut.FindAll("[data-testid=download-run]"));
    }

    [Fact]
    public void Render_Working_OffersNothing()
    {
        var cut = Context.Render<RunDownloads>(p => p.Add(c => c.RunId, Guid.NewGuid()));

        Assert.Empty(cut.FindAll("a"));
    }
}
