using Bunit;
using Linguacodus.Core.Data;
using Linguacodus.Core.Tasks;
using Linguacodus.Web.Components.Pages.Run;

namespace Linguacodus.Tests.Web.Components.Pages.Run;

public sealed class RunDataFilesTests : ComponentTest
{
    [Fact]
    public void Render_Tables_ListsEveryFileWithItsRoleSizeAndKey()
    {
        IReadOnlyList<TableProfile> tables =
        [
            new("train.csv", FileRole.Train, 2_048, 157, 4, [], null, null),
            new("trips.csv", FileRole.Auxiliary, 90_000, 840, 7, [], new TableJoin("traveller_id", true, 0.955), "95% of the rows match"),
            new("photos", FileRole.Images, 0, null, 0, [], null, "a folder of images"),
        ];

        var cut = Context.Render<RunDataFiles>(p => p.Add(c => c.Tables, tables));

        Assert.Equal("table of training rows", cut.Find("[data-testid='data-file-role-train.csv']").TextContent);
        Assert.Contains("157 rows · 4 columns", cut.Find("[data-testid='data-file-train.csv']").TextContent);
        var trips = cut.Find("[data-testid='data-file-trips.csv']").TextContent;
        Assert.Contains("related table", trips);
        Assert.Contains("traveller_id", trips);
        Assert.Contains("several rows per key", trips);
        Assert.Contains("95% of rows match", trips);
        Assert.Contains("photos/", cut.Find("[data-testid='data-file-photos']").TextContent);
    }

    [Fact]
    public void Render_ProfileFromBeforeFilesWereProfiled_ShowsNothing()
    {
        var cut = Context.Render<RunDataFiles>(p => p.Add(c => c.Tables, null));

        Assert.Empty(cut.FindAll("[data-testid=data-files]"));
    }
}
