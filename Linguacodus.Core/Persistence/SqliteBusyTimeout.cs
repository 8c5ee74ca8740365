using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Linguacodus.Core.Persistence;

/// <summary>
/// Lets SQLite itself wait for a lock (its busy handler retries within milliseconds) rather than returning "database
/// is locked" to Microsoft.Data.Sqlite, whose own retry sleeps 150 ms a time: under many concurrent runs and pages
/// the difference is seconds.
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA busy_timeout = 30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
