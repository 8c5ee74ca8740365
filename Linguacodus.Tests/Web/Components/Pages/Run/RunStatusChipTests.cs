using Bunit;
using Linguacodus.Core.Runs;
using Linguacodus.Web.Components.Pages.Run;

namespace Linguacodus.Tests.Web.Components.Pages.Run;

public sealed class RunStatusChipTests : ComponentTest
{
    [Theory]
    [InlineData(RunStatus.Planning, "running", "info")]
    [InlineData(RunStatus.Coding, "running", "info")]
    [InlineData(RunStatus.Executing, "running", "info")]
    [InlineData(RunStatus.AwaitingChoice, "awaiting choice", "warning")]
    [InlineData(RunStatus.Succeeded, "succeeded", "success")]
    [InlineData(RunStatus.Failed, "failed", "error")]
    [InlineData(RunStatus.Stopped, "stopped", "default")]
    public void Render_Status_ShowsExactStatusTextInItsColour(RunStatus status, string expectedText, string colour)
    {
        var text = RunSnapshot.Start(Guid.NewGuid(), new("t", "t", "tabular", "auc", "", ""), "baseline") with { Status = status };

        var cut = Context.Render<RunStatusChip>(p => p.Add(c => c.Status, status).Add(c => c.Text, text.StatusText));

        Assert.Equal(expectedText, cut.Find("[data-testid=run-status]").TextContent);
        Assert.Contains($"mud-chip-color-{colour}", cut.Find(".mud-chip").ClassName);
    }
}
