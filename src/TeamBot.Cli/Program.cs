using System.CommandLine;
using TeamBot.Cli;
using TeamBot.Hosting;

// The whole tool: the command line library over the workflow compiled from the repo's stages.yaml.
#if TEAMBOT_CLUSTER
var settings = new TeamBotCliSettings { Cluster = new TeamBot.Cli.Cluster.OrleansCluster<Stage>(Workflow.Definition) };
#else
var settings = new TeamBotCliSettings();
#endif
return await TeamBotCli.Create(Workflow.Definition, settings).Parse(args).InvokeAsync();
