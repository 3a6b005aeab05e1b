using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace TeamBot.Analyzers.Tests.Versioning;

/// <summary>
/// A small valid workflow as plain data, for the property test: a chain of work and review stages with at most one
/// parallel group, written out as stages.yaml, and the random edits a team makes between releases.
/// </summary>
internal sealed class RandomWorkflow
{
    private int _nextKey;

    public List<(string Key, int MaxIterations)> Stages { get; } = [];

    /// <summary>Gets or sets the group: the members (a contiguous run of work stages) between its trigger and gate.</summary>
    public (string Name, List<string> Members)? Group { get; set; }

    public Dictionary<string, string> Renamed { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Removed { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Reset { get; } = new(StringComparer.Ordinal);

    public static RandomWorkflow Create(Random random)
    {
        var workflow = new RandomWorkflow();
        int count = random.Next(3, 8);
        for (int i = 0; i < count; i++)
        {
            workflow.Stages.Add((workflow.NewKey(), i > 0 && random.Next(3) == 0 ? random.Next(1, 5) : 0));
        }

        workflow.Stages.Add(("DONE", 0));
        workflow.TryAddGroup(random);
        return workflow;
    }

    public RandomWorkflow Clone()
    {
        var copy = new RandomWorkflow { _nextKey = _nextKey };
        copy.Stages.AddRange(Stages);
        copy.Group = Group is { } group ? (group.Name, group.Members.ToList()) : null;
        foreach ((string from, string to) in Renamed)
        {
            copy.Renamed[from] = to;
        }

        foreach ((string from, string to) in Removed)
        {
            copy.Removed[from] = to;
        }

        copy.Reset.UnionWith(Reset);
        return copy;
    }

    /// <summary>Applies one random edit; returns what it did, for the failure message.</summary>
    public string Edit(Random random)
    {
        switch (random.Next(8))
        {
            case 0:
            case 1:
                {
                    int i = random.Next(Stages.Count - 1);
                    string old = Stages[i].Key;
                    string key = NewKey();
                    Stages[i] = (key, Stages[i].MaxIterations);
                    if (Group is { } renamedIn && renamedIn.Members.IndexOf(old) is >= 0 and var member)
                    {
                        renamedIn.Members[member] = key;
                    }

                    // Migrations already written that point at the old key now point at the new one.
                    foreach (string removed in Removed.Where(pair => pair.Value == old).Select(pair => pair.Key).ToList())
                    {
                        Removed[removed] = key;
                    }

                    if (Reset.Remove(old))
                    {
                        Reset.Add(key);
                    }

                    bool declared = random.Next(4) > 0;
                    if (declared)
                    {
                        Renamed[old] = key;
                    }

                    return $"renamed {old} to {key}" + (declared ? "" : " without a migration");
                }

            case 2:
                {
                    List<int> removable = Enumerable.Range(1, Stages.Count - 2).Where(index => !IsMember(Stages[index].Key) && !IsTriggerOrGate(Stages[index].Key)).ToList();
                    if (removable.Count == 0)
                    {
                        return "nothing (no stage to remove)";
                    }

                    int i = removable[random.Next(removable.Count)];

                    string old = Stages[i].Key;
                    Stages.RemoveAt(i);
                    bool declared = random.Next(4) > 0;
                    string resume = Stages[Math.Min(i, Stages.Count - 1)].Key;
                    if (declared)
                    {
                        Removed[old] = resume;
                    }

                    return $"removed {old}" + (declared ? $", its runs resume at {resume}" : " without a migration");
                }

            case 3:
                {
                    int at = random.Next(1, Stages.Count);
                    if (Group is { } group && IsMember(Stages[at - 1].Key) && IsMember(Stages[at].Key))
                    {
                        at = Stages.FindIndex(stage => stage.Key == group.Members[0]);
                    }

                    string key = NewKey();
                    Stages.Insert(at, (key, random.Next(3) == 0 ? random.Next(1, 5) : 0));
                    return $"added {key}";
                }

            case 4:
                {
                    if (Group is not { } group)
                    {
                        return TryAddGroup(random) ? "added a group" : "nothing (no room for a group)";
                    }

                    string key = NewKey();
                    int last = Stages.FindIndex(stage => stage.Key == group.Members[^1]);
                    Stages.Insert(last + 1, (key, 0));
                    group.Members.Add(key);
                    return $"added member {key}";
                }

            case 5:
                {
                    if (Group is not { } group || group.Members.Count < 3)
                    {
                        return "nothing (no member to drop)";
                    }

                    // The last member leaves the group and stays as a stage of its own right after the gate.
                    string member = group.Members[^1];
                    group.Members.RemoveAt(group.Members.Count - 1);
                    int gate = Stages.FindIndex(stage => stage.Key == group.Members[^1]) + 1;
                    (string Key, int MaxIterations) moved = Stages.First(stage => stage.Key == member);
                    Stages.Remove(moved);
                    Stages.Insert(Math.Min(gate + 1, Stages.Count - 1), moved);
                    return $"{member} left the group";
                }

            case 6:
                {
                    List<int> loops = Enumerable.Range(0, Stages.Count).Where(i => Stages[i].MaxIterations > 0).ToList();
                    if (loops.Count == 0)
                    {
                        return "nothing (no loop)";
                    }

                    int i = loops[random.Next(loops.Count)];
                    int limit = random.Next(1, 6);
                    Stages[i] = (Stages[i].Key, limit);
                    bool reset = random.Next(2) == 0;
                    if (reset)
                    {
                        Reset.Add(Stages[i].Key);
                    }

                    return $"set max_iterations of {Stages[i].Key} to {limit}" + (reset ? " with reset_iterations" : "");
                }

            default:
                {
                    if (Group is not { } group)
                    {
                        return "nothing (no group)";
                    }

                    // The stage after the gate joins the group: the gate moves one stage later.
                    int gate = Stages.FindIndex(stage => stage.Key == group.Members[^1]) + 1;
                    if (gate >= Stages.Count - 1 || Stages[gate].MaxIterations > 0)
                    {
                        return "nothing (no stage to join the group)";
                    }

                    group.Members.Add(Stages[gate].Key);
                    return $"{Stages[gate].Key} joined the group";
                }
        }
    }

    public string ToYaml()
    {
        var yaml = new StringBuilder("stages:\n");
        foreach ((string key, int max) in Stages)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  {key}:\n    work_agent: agent-{key.ToLowerInvariant()}\n");
            if (max > 0)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"    review_agent: reviewer\n    is_review_stage: true\n    max_iterations: {max}\n");
            }
        }

        yaml.Append("stage_order: [").Append(string.Join(", ", Stages.Select(stage => stage.Key))).Append("]\n");
        if (Group is { } group)
        {
            int first = Stages.FindIndex(stage => stage.Key == group.Members[0]);
            int last = Stages.FindIndex(stage => stage.Key == group.Members[^1]);
            yaml.Append(CultureInfo.InvariantCulture, $"parallel_groups:\n  {group.Name}:\n    after: {Stages[first - 1].Key}\n    stages: [{string.Join(", ", group.Members)}]\n    before: {Stages[last + 1].Key}\n");
        }

        if (Renamed.Count + Removed.Count + Reset.Count > 0)
        {
            yaml.Append("migrations:\n");
            Section(yaml, "renamed", Renamed);
            Section(yaml, "removed", Removed);
            if (Reset.Count > 0)
            {
                yaml.Append("  reset_iterations: [").Append(string.Join(", ", Reset.Order(StringComparer.Ordinal))).Append("]\n");
            }
        }

        return yaml.ToString();
    }

    private static void Section(StringBuilder yaml, string name, Dictionary<string, string> moves)
    {
        if (moves.Count > 0)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  {name}:\n");
            foreach ((string from, string to) in moves.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                yaml.Append(CultureInfo.InvariantCulture, $"    {from}: {to}\n");
            }
        }
    }

    private bool TryAddGroup(Random random)
    {
        // Two or three work stages in a row, with a stage before them and one after.
        List<int> starts = Enumerable.Range(1, Math.Max(0, Stages.Count - 3))
            .Where(i => Enumerable.Range(i, 2).All(j => Stages[j].MaxIterations == 0))
            .ToList();
        if (starts.Count == 0)
        {
            return false;
        }

        int start = starts[random.Next(starts.Count)];
        int width = start + 3 < Stages.Count && Stages[start + 2].MaxIterations == 0 && random.Next(2) == 0 ? 3 : 2;
        Group = ("fan_out", Stages.Skip(start).Take(width).Select(stage => stage.Key).ToList());
        return true;
    }

    private bool IsMember(string key) => Group is { } group && group.Members.Contains(key);

    private bool IsTriggerOrGate(string key)
    {
        if (Group is not { } group)
        {
            return false;
        }

        int first = Stages.FindIndex(stage => stage.Key == group.Members[0]);
        int last = Stages.FindIndex(stage => stage.Key == group.Members[^1]);
        return Stages[first - 1].Key == key || Stages[last + 1].Key == key;
    }

    private string NewKey() => "S" + (_nextKey++).ToString(CultureInfo.InvariantCulture);
}
