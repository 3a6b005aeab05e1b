using System.CommandLine;
using ReleaseTrain;
using TeamBot.Hosting;

// release.stages.yaml became the Release class and ReleaseStage enum at build time; this is the whole program.
// Its runs get a folder of their own: in .teambot they would meet the teambot tool's runs of the same objective,
// which another workflow cannot resume.
return await TeamBotCli.Create(Release.Definition, new TeamBotCliSettings { RunsDirectory = ".teambot-release-train" }).Parse(args).InvokeAsync();
