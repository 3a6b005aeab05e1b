using System.CommandLine;
using ReleaseTrain;
using TeamBot.Hosting;

// release.stages.yaml became the Release class and ReleaseStage enum at build time; this is the whole program.
return await TeamBotCli.Create(Release.Definition).Parse(args).InvokeAsync();
