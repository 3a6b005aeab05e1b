using System.Diagnostics;
using System.Diagnostics.Metrics;
using TeamBot.Rules;

namespace TeamBot.Telemetry;

/// <summary>TeamBot's traces and metrics; subscribe to <see cref="Name"/> with OpenTelemetry or dotnet-counters.</summary>
public static class WorkflowTelemetry
{
    /// <summary>The name of the activity source and the meter.</summary>
    public const string Name = "TeamBot.Workflow";

    /// <summary>Gets the source of the run, stage, group-member and agent-call spans.</summary>
    internal static ActivitySource ActivitySource { get; } = new(Name, typeof(WorkflowTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Gets the meter of the stage and review instruments.</summary>
    internal static Meter Meter { get; } = new(Name, typeof(WorkflowTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Gets the number of run sessions started (a resume is a new session of the same run).</summary>
    internal static Counter<long> RunsStarted { get; } = Meter.CreateCounter<long>("teambot.runs.started", description: "Run sessions started or resumed.");

    /// <summary>Gets the number of run sessions ended, tagged with the run's status.</summary>
    internal static Counter<long> RunsFinished { get; } = Meter.CreateCounter<long>("teambot.runs.finished", description: "Run sessions ended, by status.");

    /// <summary>Gets the duration of each run session, in seconds, tagged with the run's status.</summary>
    internal static Histogram<double> RunDuration { get; } = Meter.CreateHistogram<double>("teambot.run.duration", "s", "Time a run session took.");

    /// <summary>Gets the duration of each stage's work, in seconds, tagged with the stage and outcome.</summary>
    internal static Histogram<double> StageDuration { get; } = Meter.CreateHistogram<double>("teambot.stage.duration", "s", "Time a stage's work took.");

    /// <summary>Gets the number of stages completed.</summary>
    internal static Counter<long> StagesCompleted { get; } = Meter.CreateCounter<long>("teambot.stages.completed", description: "Stages completed.");

    /// <summary>Gets the number of stage failures.</summary>
    internal static Counter<long> StageFailures { get; } = Meter.CreateCounter<long>("teambot.stages.failed", description: "Stage and group-member failures.");

    /// <summary>Gets the number of review iterations.</summary>
    internal static Counter<long> ReviewIterations { get; } = Meter.CreateCounter<long>("teambot.review.iterations", description: "Review iterations finished.");

    /// <summary>
    /// Gets the tokens of each agent call, by the OpenTelemetry GenAI semantic conventions: one measurement per token
    /// type (<c>input</c>, <c>output</c>) with the operation, the agent and, when reported, the model.
    /// </summary>
    internal static Histogram<long> TokenUsage { get; } = Meter.CreateHistogram<long>(
        "gen_ai.client.token.usage",
        "{token}",
        "Tokens used by each agent call, by token type.",
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864] });

    /// <summary>Records one call's input and output tokens.</summary>
    internal static void RecordTokens(AgentUsage usage, string stage)
    {
        if (!TokenUsage.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { "gen_ai.operation.name", "invoke_agent" },
            { "gen_ai.agent.name", usage.Agent },
            { "teambot.stage", stage },
        };
        if (usage.Model is { } model)
        {
            tags.Add("gen_ai.response.model", model);
        }

        TagList input = tags;
        input.Add("gen_ai.token.type", "input");
        TokenUsage.Record(usage.Tokens.InputTokens, input);
        TagList output = tags;
        output.Add("gen_ai.token.type", "output");
        TokenUsage.Record(usage.Tokens.OutputTokens, output);
    }
}
