using System.CommandLine;
using Alerts.Cli.Commands;

var root = new RootCommand("Alerts: trade-policy news alerts. Local runner and operator tool.")
{
    ServeCommand.Create(),
    SubscribersCommand.Create(),
    ClassifyCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
