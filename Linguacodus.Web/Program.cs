using Linguacodus.Web;
using Linguacodus.Web.Cli;

// The same binary is the web app and the command line (solve, exec, eval, bench, help).
if (CliRoot.Handles(args))
{
    return await CliRoot.RunAsync(args);
}
var app = WebApp.Build(args);
await app.StartAsync();
Console.WriteLine($"Linguacodus is running at {string.Join(", ", app.Urls)}");
await app.WaitForShutdownAsync();
return 0;
