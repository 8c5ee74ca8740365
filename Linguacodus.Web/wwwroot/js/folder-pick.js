// The path of each file of a folder pick below the chosen folder's parent ("task/train_images/a.png"), in the
// order Blazor's InputFile lists them; Blazor itself passes bare names only.
export function relativePaths(input) {
    return Array.from(input.files ?? [], file => file.webkitRelativePath || file.name);
}
