using System.Text;
using Linguacodus.Core.Data;

namespace Linguacodus.Core.Engine.Llm;

/// <summary>The image folders as a prompt lists them: counts, formats, sizes, example names, and the columns naming the files.</summary>
internal static class ImagePromptText
{
    private const int MaxFolders = 5;

    public static string Describe(DataProfile profile)
    {
        var text = new StringBuilder();
        foreach (var folder in (profile.ImageFolders ?? []).Take(MaxFolders))
        {
            text.Append($"\nimage folder {PromptValues.Cell(folder.Folder, 60)}/: {PromptValues.Cell(folder.Summary, 300)}")
                .Append($"; e.g. {string.Join(", ", folder.Examples.Take(3).Select(e => PromptValues.Cell(e, 60)))}");
            foreach (var link in folder.Links)
            {
                text.Append($"\n- {link.Table} column '{PromptValues.Cell(link.Column, 60)}' names these files (relative to {PromptValues.Cell(folder.Folder, 60)}/, the extension may be left out)")
                    .Append(link.Missing > 0 ? $"; {link.Missing:N0} of {link.Rows:N0} rows name no file" : "");
            }
            if (folder.Unreadable > 0)
            {
                text.Append($"\n- {folder.Unreadable:N0} file(s) are damaged or not images: skip them with a warning, never crash");
            }
        }
        return text.ToString();
    }
}
