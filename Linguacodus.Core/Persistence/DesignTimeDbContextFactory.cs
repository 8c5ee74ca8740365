using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Linguacodus.Core.Persistence;

/// <summary>Lets `dotnet ef migrations add` build the context without starting the app.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<LinguacodusDbContext>
{
    public LinguacodusDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<LinguacodusDbContext>().UseSqlite("Data Source=design.db").Options);
}
