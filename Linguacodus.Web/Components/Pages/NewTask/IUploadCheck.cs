namespace Linguacodus.Web.Components.Pages.NewTask;

/// <summary>Looks at an upload as it streams in and says why it is refused as soon as that is known.</summary>
internal interface IUploadCheck
{
    /// <summary>Feeds the next block; returns why the file is refused, else null.</summary>
    string? Add(ReadOnlySpan<byte> block);

    /// <summary>Called at the end of the file.</summary>
    string? Finish();
}
