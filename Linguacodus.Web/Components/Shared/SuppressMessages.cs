using System.Diagnostics.CodeAnalysis;

// STYLE.md names the folder of cross-feature components Components/Shared, and namespaces follow folders.
// Nothing outside this app (and certainly no VB code) consumes these components.
[assembly: SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Scope = "namespace",
    Target = "~N:Linguacodus.Web.Components.Shared", Justification = "Folder name fixed by the style guide; app-internal components.")]
