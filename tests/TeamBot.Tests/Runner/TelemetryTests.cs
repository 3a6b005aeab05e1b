using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading.Tasks;
using TeamBot.Execution;
using TeamBot.Rules;
using TeamBot.Telemetry;
using TeamBot.Tests.Fakes;

namespace TeamBot.Tests.Runner;

/// <summary>Spans per run, stage and agent call, and the stage metrics.</summary>
[Collection(nameof(TelemetryTests))]
public sealed class TelemetryTests
{
    [Fact]
    public async Task A_run_emits_spans_for_the_run_each_stage_and_each_agent_call_and_records_metrics()
    {
        var activities = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == WorkflowTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Add,
        };
        ActivitySource.AddActivityListener(listener);
        var completed = new ConcurrentBag<(long Value, string? Stage)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == WorkflowTelemetry.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "teambot.stages.completed")
            {
                completed.Add((value, tags.ToArray().FirstOrDefault(t => t.Key == "teambot.stage").Value as string));
            }
        });
        meters.Start();
        using var run = new TestRun();

        // Other tests run at the same time; a feature name of its own picks out this run's spans.
        await run.Runner(Groups.Definition).RunAsync(TestRun.Objective with { FeatureName = "telemetry-check" });

        Activity root = Assert.Single(activities, a => a.OperationName == "teambot.run" && (string?)a.GetTagItem("teambot.feature") == "telemetry-check" && a.Tags.Any(t => t.Key == "teambot.status" && t.Value == "complete"));
        Assert.Contains(activities, a => a.OperationName == "teambot.stage" && (string?)a.GetTagItem("teambot.stage") == "ALPHA" && (string?)a.GetTagItem("teambot.group") == "fan" && a.TraceId == root.TraceId);
        Assert.Contains(activities, a => a.OperationName == "teambot.agent" && (string?)a.GetTagItem("teambot.agent") == "writer" && a.TraceId == root.TraceId);
        Assert.Contains(completed, c => c.Stage == "GAMMA");
    }
}
