using System.CommandLine;

namespace Linguacodus.Web.Cli;

/// <summary>Options more than one verb takes, defined once so their names, help and messages agree.</summary>
internal static class CliOptions
{
    public static Option<DirectoryInfo?> Out(string description) => new("--out") { Description = description, HelpName = "DIR" };

    /// <summary>A whole number within bounds, or null when not given; anything else is a plain parse error.</summary>
    public static Option<int?> Number(string name, int min, int max, string description) => new(name)
    {
        Description = description,
        HelpName = "N",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (int.TryParse(text, out var value) && value >= min && value <= max)
            {
                return value;
            }
            result.AddError($"{name} must be a number from {min} to {max:N0}, not '{text}'.");
            return null;
        },
    };

    /// <summary>The task folder argument; its content is checked when the task loads, with TaskFolder's own messages.</summary>
    public static Argument<DirectoryInfo> TaskFolder(string description) => new("task-folder") { Description = description };
}
