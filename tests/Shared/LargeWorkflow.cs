using System.Globalization;
using System.Text;

namespace TeamBot.Tests.Support;

/// <summary>Writes a valid workflow of any size: a linear chain with one parallel group in the middle (tests and benchmarks).</summary>
internal static class LargeWorkflow
{
    public static string Create(int stageCount, int groupSize)
    {
        int groupStart = stageCount / 2;
        var yaml = new StringBuilder("stages:\n");
        for (int i = 0; i < stageCount; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  STAGE_{i:D5}:\n    name: Stage {i}\n    description: Step number {i} of the large workflow.\n");
            yaml.Append(CultureInfo.InvariantCulture, $"    work_agent: agent-{i}\n    artifacts: [stage_{i}.md]\n    exit_criteria: [Stage {i} is done]\n");
        }

        yaml.Append("stage_order:\n");
        for (int i = 0; i < stageCount; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  - STAGE_{i:D5}\n");
        }

        yaml.Append(CultureInfo.InvariantCulture, $"parallel_groups:\n  wide:\n    after: STAGE_{groupStart - 1:D5}\n    stages:\n");
        for (int i = groupStart; i < groupStart + groupSize; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"      - STAGE_{i:D5}\n");
        }

        yaml.Append(CultureInfo.InvariantCulture, $"    before: STAGE_{groupStart + groupSize:D5}\n    max_concurrency: 8\n");
        return yaml.ToString();
    }
}
