using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using TeamBot.Agents;
using TeamBot.Definitions;
using TeamBot.Execution;
using TeamBot.Orleans.Storage;

namespace TeamBot.Orleans.Hosting;

/// <summary>Adds TeamBot to a silo.</summary>
public static class TeamBotSiloBuilderExtensions
{
    /// <summary>Runs <paramref name="workflow"/> on this silo with <paramref name="agents"/>.</summary>
    /// <param name="builder">The silo.</param>
    /// <param name="workflow">The generated workflow (for example <c>Workflow.Definition</c>).</param>
    /// <param name="agents">The agents by the ids stages.yaml uses.</param>
    /// <param name="configure">Sets the options; by default states stay in memory.</param>
    public static ISiloBuilder AddTeamBot<TStage>(this ISiloBuilder builder, IWorkflowDefinition<TStage> workflow, AgentRegistry agents, Action<TeamBotClusterOptions>? configure = null)
        where TStage : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(agents);
        var options = new TeamBotClusterOptions();
        configure?.Invoke(options);

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new SiloTeam(agents, name => workflow.TryGetStage(name, out TStage stage) ? stage : null));
        builder.Services.AddSingleton(services => new RunEpochs(services.GetRequiredService<TeamBotBackend>().State, services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));

        // Runs are driven by the same driver as in a process; only their agents' calls go to worker grains.
        builder.Services.AddSingleton<IRunDriver>(services => new RunDriver<TStage>(
            workflow,
            AgentRegistry.ForAll(new ClusterAgent(services.GetRequiredService<IGrainFactory>(), options, services.GetRequiredService<RunEpochs>(), services.GetRequiredService<ILogger<ClusterAgent>>())),
            options.Runner));

        // The backend set in the options, else the PostgreSQL of UseTeamBotPostgres on this silo's shared pool, else memory.
        builder.Services.AddSingleton(services => new TeamBotBackend(options.Backend ?? (IJsonStateBackend?)services.GetService<PostgresJsonStateBackend>() ?? new InMemoryJsonStateBackend()));
        builder.Services.AddGrainStorage(TeamBotStorage.Name, (services, _) => new JsonGrainStorage(services.GetRequiredService<TeamBotBackend>().State, services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
        builder.Services.AddHostedService<RunWatchdog>();

        // A worker call lasts as long as its agent; Orleans' default of 30 seconds would count a slow agent as a failure.
        // ClusterAgent's own attempt limit comes first and hands the work out again; this one only bounds every other call.
        // A call cancelled because its run stopped ends when its worker answers, not at once (Orleans' default): a
        // session then ends only once none of its agents runs or is yet to start (see ClusterAgent).
        builder.Services.Configure<SiloMessagingOptions>(messaging =>
        {
            messaging.ResponseTimeout = options.WorkAttemptTimeout + TimeSpan.FromMinutes(1);
            messaging.WaitForCancellationAcknowledgement = true;
        });

        return builder;
    }
}
