using System.CommandLine;
using TeamBot.Hosting;
using TeamBotApp;

// stages.yaml is compiled into Workflow and Stage at build time; edit it and rebuild to change the workflow.
// Try: dotnet run -- run objectives/add-export.md
return await TeamBotCli.Create(Workflow.Definition).Parse(args).InvokeAsync();
