using Linguacodus.Core.Tasks;
using Linguacodus.Web.Components.Pages.NewTask;

namespace Linguacodus.Tests.Web.Components.Pages.NewTask;

public sealed class TaskDraftTests
{
    private static readonly MlTask FromJson = new("Churn", "Predict churn.", "time series", "roc", "train.csv has y.", "id,y");

    [Fact]
    public void FillEmpty_SomeFieldsTyped_KeepsThemAndFillsTheRest()
    {
        var draft = new TaskDraft { Title = "Mine", Metric = "rmse" };

        var filled = draft.FillEmpty(FromJson);

        Assert.Equal(4, filled);
        Assert.Equal(new("Mine", "Predict churn.", "time series", "rmse", "train.csv has y.", "id,y"), draft.ToTask());
    }

    [Fact]
    public void FillEmpty_DataTypeTypedByHand_IsKept()
    {
        var draft = new TaskDraft { DataType = "image pixels" };

        draft.FillEmpty(FromJson);

        Assert.Equal("image pixels", draft.DataType);
    }

    [Fact]
    public void FillEmpty_EmptyFieldsInTheTask_FillNothing()
    {
        var draft = new TaskDraft();

        var filled = draft.FillEmpty(new MlTask("", "", "", "", "", ""));

        Assert.Equal(0, filled);
        Assert.Equal(TaskDraft.DefaultDataType, draft.DataType);
    }
}
