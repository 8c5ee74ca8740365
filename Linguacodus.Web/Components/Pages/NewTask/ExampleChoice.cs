using Linguacodus.Core.Tasks;

namespace Linguacodus.Web.Components.Pages.NewTask;

/// <summary>An example the analyst picked: its name (the folder's) and the task folder it loads from.</summary>
public sealed record ExampleChoice(string Name, TaskFolder Folder);
