using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Linguacodus.Web.Components.Pages.NewTask;

/// <summary>The browser's side of a folder pick: where each chosen file sits in the folder, which Blazor's InputFile does not pass on.</summary>
internal static class FolderPick
{
    /// <summary>
    /// Each chosen file's path ("task/train_images/a.png"), in the order of the change event's files; empty when the
    /// browser cannot say, and the files then come under their bare names, images into one folder.
    /// </summary>
    public static async Task<IReadOnlyList<string>> RelativePathsAsync(IJSRuntime js, ElementReference? input)
    {
        if (input is not { } element)
        {
            return [];
        }
        try
        {
            await using var module = await js.InvokeAsync<IJSObjectReference>("import", "./js/folder-pick.js");
            return module is null ? [] : await module.InvokeAsync<string[]?>("relativePaths", element) ?? [];
        }
        catch (JSException)
        {
            return [];
        }
    }
}
