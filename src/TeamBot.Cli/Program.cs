using System.CommandLine;
using TeamBot.Cli;
using TeamBot.Hosting;

// The whole tool: the command line library over the workflow compiled from the repo's stages.yaml.
return await TeamBotCli.Create(Workflow.Definition).Parse(args).InvokeAsync();
