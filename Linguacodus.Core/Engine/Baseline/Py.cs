using System.Text.Json;

namespace Linguacodus.Core.Engine.Baseline;

/// <summary>Python literals for generated code (a JSON string is a valid Python string literal).</summary>
internal static class Py
{
    public static string Str(string? value) => value is null ? "None" : JsonSerializer.Serialize(value);

    public static string List(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Str)) + "]";

    public static string Bool(bool value) => value ? "True" : "False";
}
