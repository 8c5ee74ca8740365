using System.Diagnostics.CodeAnalysis;

// Test namespaces mirror the app's, whose Components/Shared folder is named by the style guide.
[assembly: SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Scope = "namespace",
    Target = "~N:Linguacodus.Tests.Web.Components.Shared", Justification = "Mirrors Linguacodus.Web.Components.Shared.")]
