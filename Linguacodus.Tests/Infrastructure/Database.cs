using Microsoft.Data.Sqlite;

namespace Linguacodus.Tests.Infrastructure;

/// <summary>Looks at an app's SQLite file from outside the app, as an operator would.</summary>
internal static class Database
{
    /// <summary>SQLite's own check of the whole file: "ok" when it is whole.</summary>
    public static string IntegrityCheck(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }
}
