using Linguacodus.Web.Components.Pages.NewTask;

namespace Linguacodus.Tests.Web.Components.Pages.NewTask;

public sealed class UploadFileNameTests
{
    [Theory]
    [InlineData("train.csv", "train.csv")]
    [InlineData("TRAIN.CSV", "train.csv")]
    [InlineData("Test.Csv", "test.csv")]
    [InlineData("Sample_Submission.csv", "sample_submission.csv")]
    public void Resolve_TaskFileInAnyCase_GivesCanonicalName(string uploaded, string expected)
    {
        var (name, problem) = UploadFileName.Resolve(uploaded);

        Assert.Equal(expected, name);
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("stores.csv", "stores.csv")]
    [InlineData("holiday events (2017).csv", "holiday_events__2017_.csv")]
    [InlineData("données-été.CSV", "donn_es-_t_.csv")]
    [InlineData("../../etc/passwd.csv", "passwd.csv")]
    [InlineData("C:\\Users\\me\\extra.csv", "extra.csv")]
    [InlineData(".hidden.csv", "hidden.csv")]
    public void Resolve_OtherCsv_KeepsSanitisedNameOnly(string uploaded, string expected)
    {
        var (name, problem) = UploadFileName.Resolve(uploaded);

        Assert.Equal(expected, name);
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("notes.txt")]
    [InlineData("train.xlsx")]
    [InlineData("train.csv.exe")]
    [InlineData("archive.zip")]
    public void Resolve_NotCsv_IsRefusedWithReason(string uploaded)
    {
        var (name, problem) = UploadFileName.Resolve(uploaded);

        Assert.Null(name);
        Assert.Contains("only .csv files are accepted", problem);
        Assert.Contains(uploaded, problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(".csv")]
    [InlineData("...csv")]
    public void Resolve_NoUsableName_IsRefused(string uploaded)
    {
        var (name, problem) = UploadFileName.Resolve(uploaded);

        Assert.Null(name);
        Assert.NotNull(problem);
    }

    [Fact]
    public void Resolve_VeryLongName_IsShortened()
    {
        var (name, _) = UploadFileName.Resolve(new string('a', 500) + ".csv");

        Assert.Equal(UploadFileName.MaxStemLength + ".csv".Length, name!.Length);
    }
}
