using AngleSharp.Html.Dom;
using Bunit;
using Linguacodus.Core.Persistence;
using Linguacodus.Tests.Web.Memory;
using Linguacodus.Web.Components.Pages.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Linguacodus.Tests.Web.Components.Pages.Settings;

/// <summary>The memory's card over the app's real services: a real CaseMemory on a SQLite database in a temp folder.</summary>
public sealed class MemorySettingsTests : AppComponentTest
{
    [Fact]
    public async Task Render_RememberedCases_ListsThemNewestFirstAndRemoveForgetsOne()
    {
        var older = await SolvedRuns.RememberAsync(App, "breast-cancer", 0.97, "Older cancer task");
        var newer = await SolvedRuns.RememberAsync(App, "breast-cancer", 0.99, "Newer cancer task");

        var card = Context.Render<MemorySettings>();

        card.WaitForAssertion(() => Assert.Equal("2 solved tasks remembered.", card.Find("[data-testid=memory-count]").TextContent));
        var first = card.Find("[data-testid=memory-case-1]");
        Assert.Contains("Newer cancer task", first.TextContent);
        Assert.Contains("0.9900", first.TextContent);
        Assert.Contains("ROC AUC", first.TextContent);
        Assert.Equal($"runs/{newer.RunId}", first.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Older cancer task", card.Find("[data-testid=memory-case-2]").TextContent);

        await card.Find("[data-testid=memory-remove-1]").ClickAsync(new());

        card.WaitForAssertion(() => Assert.Equal("1 solved task remembered.", card.Find("[data-testid=memory-count]").TextContent));
        Assert.Empty(card.FindAll("[data-testid=memory-case-2]"));
        Assert.Contains("Older cancer task", card.Find("[data-testid=memory-case-1]").TextContent);
        Assert.Equal([older.Id], (await App.Memory.ListAsync(CancellationToken.None)).Select(c => c.Id));
    }

    [Fact]
    public async Task Retrieval_SwitchedOff_StoresThePreference()
    {
        var card = Context.Render<MemorySettings>();
        card.WaitForAssertion(() => Assert.NotNull(card.Find("[data-testid=memory-count]")));
        Assert.True(await App.Memory.IsRetrievalOnAsync(CancellationToken.None));
        Assert.True(RetrievalInput(card).IsChecked);

        await RetrievalInput(card).ChangeAsync(new() { Value = false });

        card.WaitForAssertion(() => Assert.False(RetrievalInput(card).IsChecked));
        Assert.False(await App.Memory.IsRetrievalOnAsync(CancellationToken.None));
        var reopened = Context.Render<MemorySettings>();
        reopened.WaitForAssertion(() => Assert.False(RetrievalInput(reopened).IsChecked));
    }

    [Fact]
    public void Export_LeastScoreTyped_AddsItToTheDownloadLink()
    {
        var card = Context.Render<MemorySettings>();
        Assert.Equal("memory/training.jsonl", card.Find("[data-testid=memory-export]").GetAttribute("href"));

        card.Find("input[data-testid=memory-export-min-score], [data-testid=memory-export-min-score] input").Change("0.95");

        card.WaitForAssertion(() => Assert.Equal("memory/training.jsonl?minScore=0.95", card.Find("[data-testid=memory-export]").GetAttribute("href")));
    }

    [Fact]
    public async Task Render_DatabaseFails_ShowsAMessageNotAStackTrace()
    {
        var contexts = Context.Services.GetRequiredService<IDbContextFactory<LinguacodusDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync(CancellationToken.None))
        {
            await db.Database.ExecuteSqlRawAsync("DROP TABLE cases", CancellationToken.None);
        }

        var card = Context.Render<MemorySettings>();

        card.WaitForAssertion(() => Assert.StartsWith("Reading the memory did not work:", card.Find("[data-testid=memory-error]").TextContent.Trim()));
        Assert.Contains("cases", card.Find("[data-testid=memory-error]").TextContent);
        Assert.DoesNotContain(" at Linguacodus", card.Markup);
    }

    private static IHtmlInputElement RetrievalInput(IRenderedComponent<MemorySettings> card) =>
        (IHtmlInputElement)card.Find("input[data-testid=memory-retrieval], [data-testid=memory-retrieval] input");
}
