namespace Linguacodus.Tests.Infrastructure;

/// <summary>Paths in the repository the tests run from.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Examples => Path.Combine(Root, "examples");

    public static string Example(string name) => Path.Combine(Examples, name);

    public static string Answers(string name) => Path.Combine(Examples, "answers", name + ".csv");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Linguacodus.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Linguacodus.sln not found above the test folder.");
    }
}
