using System;
using System.Collections.Generic;
using System.Linq;
using TeamBot.Tests.Support;
using TeamBot.Workflow;
using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Model;
using TeamBot.Workflow.Versioning;
using Xunit.Abstractions;

namespace TeamBot.Analyzers.Tests.Versioning;

/// <summary>
/// The gate against the runtime, over generated workflows and random edits. When the gate accepts an edit, a run saved
/// at every position of every shipped version (each loop iteration, each set of finished group members) resumes under
/// the edited workflow, as the build compiled it, and completes. When it rejects one, the run each error names is
/// refused by the runtime: the error is never a false alarm.
/// </summary>
public sealed class CompatibilityPropertyTests(ITestOutputHelper output)
{
    [Fact]
    public void Accepted_edits_resume_every_position_and_rejected_edits_name_runs_that_really_cannot_resume()
    {
        int samples = FuzzLog.Cases(ciDefault: 60);
        var random = new Random(20261201);
        int accepted = 0, rejected = 0, resumed = 0, refused = 0, generated = 0;
        while (accepted + rejected < samples)
        {
            generated++;
            RandomWorkflow first = RandomWorkflow.Create(random);
            var shipped = new List<RandomWorkflow> { first };
            var edits = new List<string>();

            // Half the time a second version ships first (an edit the gate accepted), so renames chain across versions.
            RandomWorkflow current = first.Clone();
            if (random.Next(2) == 0)
            {
                edits.Add(current.Edit(random));
                if (!IsValid(current) || Check(current, shipped).Problems.Count > 0)
                {
                    continue;
                }

                shipped.Add(current);
                current = current.Clone();
                edits.Add("shipped");
            }

            for (int i = random.Next(1, 4); i > 0; i--)
            {
                edits.Add(current.Edit(random));
            }

            if (!IsValid(current))
            {
                continue;
            }

            CompatibilityResult result = Check(current, shipped);
            object workflow = CompiledWorkflow.Load(current.ToYaml(), VersionsFile(shipped));
            EquatableArray<ShippedVersion> versions = ShippedVersionsFile.Parse(VersionsFile(shipped)).Versions;
            string story = $"edits: {string.Join("; ", edits)}\nshipped:\n{string.Join("\n---\n", shipped.Select(version => version.ToYaml()))}\nnow:\n{current.ToYaml()}";
            if (result.Problems.Count == 0)
            {
                accepted++;
                foreach (ShippedVersion version in versions)
                {
                    foreach (RunPosition position in RunPositions.Enumerate(version.Shape))
                    {
                        string outcome = ResumeProbe.Resume(workflow, PositionState.For(version, position));
                        Assert.True(outcome == "complete", $"A run saved {position.Describe()} under {version.Version} ended '{outcome}' although the gate accepted the edit.\n{story}");
                        resumed++;
                    }
                }
            }
            else
            {
                rejected++;
                for (int i = 0; i < result.Stranded.Count; i++)
                {
                    StrandedRun stranded = result.Stranded[i];
                    ShippedVersion version = versions.Single(candidate => candidate.Version == stranded.Version);
                    string outcome = ResumeProbe.Resume(workflow, PositionState.For(version, stranded.Position));
                    Assert.True(outcome.StartsWith("refused: ", StringComparison.Ordinal), $"{WorkflowRules.Message(result.Problems[i])}\nyet that run ended '{outcome}'.\n{story}");
                    refused++;
                }
            }
        }

        // Both sides must have been exercised, or the property says nothing.
        Assert.True(accepted >= samples / 5 && rejected >= samples / 5, $"accepted {accepted}, rejected {rejected}");
        FuzzLog.Write(output, "workflow versions", $"{accepted + rejected} edits of {generated} generated ({accepted} accepted: {resumed} saved runs resumed to complete; {rejected} rejected: {refused} named runs refused)");
    }

    private static bool IsValid(RandomWorkflow workflow) => !WorkflowAnalysis.Analyze(workflow.ToYaml()).HasErrors();

    private static string VersionsFile(List<RandomWorkflow> shipped) => Gate.VersionsFile(shipped.Select(version => version.ToYaml()).ToArray());

    private static CompatibilityResult Check(RandomWorkflow current, List<RandomWorkflow> shipped) => Gate.Check(current.ToYaml(), shipped.Select(version => version.ToYaml()).ToArray());
}
