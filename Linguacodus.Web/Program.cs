using Linguacodus.Web;

// The same binary is the web app and the command line (solve, exec).
if (args.Length > 0 && Cli.Verbs.Contains(args[0]))
{
    return await Cli.RunAsync(args);
}
var app = WebApp.Build(args);
await app.StartAsync();
Console.WriteLine($"Linguacodus is running at {string.Join(", ", app.Urls)}");
await app.WaitForShutdownAsync();
return 0;
