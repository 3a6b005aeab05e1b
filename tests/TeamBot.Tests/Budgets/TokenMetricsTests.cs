using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using TeamBot.Execution;
using TeamBot.Rules;
using TeamBot.State;
using TeamBot.Telemetry;
using Xunit;

namespace TeamBot.Tests.Budgets;

/// <summary>Runs alone: the meter is process-wide, and other tests' runs would add their tokens to the sums.</summary>
[CollectionDefinition(nameof(TokenMetricsTests), DisableParallelization = true)]
public sealed class TokenMetricsRunAlone;

/// <summary>The tokens of each agent call, exported by the OpenTelemetry GenAI semantic conventions.</summary>
[Collection(nameof(TokenMetricsTests))]
public sealed class TokenMetricsTests
{
    [Fact]
    public async Task Each_calls_tokens_are_exported_as_gen_ai_client_token_usage_by_token_type_summing_to_the_saved_usage()
    {
        var exported = new List<Metric>();
        using (MeterProvider provider = Sdk.CreateMeterProviderBuilder().AddMeter(WorkflowTelemetry.Name).AddInMemoryExporter(exported).Build())
        {
            using var run = new BudgetRun(BudgetRun.Delivery);
            WorkflowResult result = await run.StartAsync(null);
            Assert.Equal(RunStatus.Complete, result.Status);
            provider.ForceFlush();

            Metric metric = Assert.Single(exported, m => m.Name == "gen_ai.client.token.usage");
            Assert.Equal("{token}", metric.Unit);
            Assert.Equal(MetricType.Histogram, metric.MetricType);
            var sums = new Dictionary<string, long>();
            long measurements = 0;
            foreach (ref readonly MetricPoint point in metric.GetMetricPoints())
            {
                Dictionary<string, object?> tags = [];
                foreach (KeyValuePair<string, object?> tag in point.Tags)
                {
                    tags[tag.Key] = tag.Value;
                }

                Assert.Equal("invoke_agent", tags["gen_ai.operation.name"]);
                Assert.Equal(Testing.ScriptedTeam.Model, tags["gen_ai.response.model"]);
                Assert.Contains(tags["gen_ai.agent.name"] as string, new[] { "pm", "ba", "writer", "builder-1", "builder-2", "reviewer" });
                string type = (string)tags["gen_ai.token.type"]!;
                sums[type] = sums.GetValueOrDefault(type) + (long)point.GetHistogramSum();
                measurements += point.GetHistogramCount();
            }

            SavedRun<Stage> saved = await run.LoadAsync();
            Assert.Equal(saved.State.TotalUsage.InputTokens, sums["input"]);
            Assert.Equal(saved.State.TotalUsage.OutputTokens, sums["output"]);
            Assert.Equal(2 * run.Agent.Answered.Count, measurements);
        }
    }
}
