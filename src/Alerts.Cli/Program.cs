using System.CommandLine;
using Alerts.Cli.Commands;

var root = new RootCommand("Alerts: trade-policy news alerts. Local runner and operator tool.")
{
    ServeCommand.Create(),
    SubscribersCommand.Create(),
    FeedsCommand.Create(),
    PollCommand.Create(),
    ClassifyCommand.Create(),
    PruneCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
