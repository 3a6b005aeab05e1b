using System;
using System.CommandLine;
using TeamBot.Cli;
using TeamBot.Hosting;

// The whole tool: the command line library over the workflow compiled from the repo's stages.yaml.
#if TEAMBOT_CLUSTER
var settings = new TeamBotCliSettings { Cluster = new TeamBot.Cli.Cluster.OrleansCluster<Stage>(Workflow.Definition) };
#else
var settings = new TeamBotCliSettings();
#endif
// Ctrl+C or SIGTERM stops the command, which then needs more than the library's default of 2 seconds: a silo leaves
// its cluster (its membership row then reads Dead, not Active), and a local run saves itself as cancelled.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromMinutes(1) };
RootCommand root = TeamBotCli.Create(Workflow.Definition, settings);
root.Subcommands.Add(LspCommand.Create());
root.Subcommands.Add(WorkflowShipCommand.Create());
return await root.Parse(args).InvokeAsync(invocation);
