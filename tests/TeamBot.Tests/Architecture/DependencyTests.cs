using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using TeamBot.Tests.Support;

namespace TeamBot.Tests.Architecture;

/// <summary>
/// References point inward: the pure rules depend on nothing of the shell, no namespace of the core depends on one
/// that depends back on it, and no product project reaches outward or into another's internals.
/// </summary>
public sealed partial class DependencyTests
{
    private static readonly string Source = Path.Combine(TestSupport.RepoRoot, "src");

    [Fact]
    public void The_core_s_namespaces_form_no_cycle_and_the_rules_use_only_definitions()
    {
        Dictionary<string, HashSet<string>> uses = NamespaceUses(Path.Combine(Source, "TeamBot"));

        Assert.Subset(new HashSet<string> { "TeamBot.Definitions" }, uses["TeamBot.Rules"]);
        foreach (string from in uses.Keys)
        {
            Assert.False(Reaches(uses, from, from, []), $"{from} depends on itself through {string.Join(", ", uses[from])}");
        }
    }

    [Fact]
    public void Product_projects_reference_inward_and_grant_no_internals_to_each_other()
    {
        Assert.DoesNotContain(References("TeamBot.Orleans"), name => name is "TeamBot.Hosting" or "TeamBot.Cli");
        Assert.DoesNotContain(References("TeamBot"), name => name.StartsWith("TeamBot.", StringComparison.Ordinal) && name is not ("TeamBot.Generators" or "TeamBot.Analyzers" or "TeamBot.CodeFixes"));
        Assert.Equal(["TeamBot.Workflow.Model"], References("TeamBot.LanguageServer"));
        Assert.Equal(["TeamBot"], References("TeamBot.Agents"));
        Assert.DoesNotContain("TeamBot.Analyzers", ReferencesIn(Path.Combine(TestSupport.RepoRoot, "generators", "TeamBot.Generators", "TeamBot.Generators.csproj")));
        foreach (string project in Directory.GetFiles(Source, "*.csproj", SearchOption.AllDirectories))
        {
            IEnumerable<string> granted = XDocument.Load(project).Descendants("InternalsVisibleTo").Select(item => (string)item.Attribute("Include")!);
            Assert.All(granted, assembly => Assert.EndsWith(".Tests", assembly, StringComparison.Ordinal));
        }
    }

    private static string[] References(string project) => ReferencesIn(Path.Combine(Source, project, project + ".csproj"));

    private static string[] ReferencesIn(string csproj) =>
        XDocument.Load(csproj).Descendants("ProjectReference")
            .Select(item => Path.GetFileNameWithoutExtension(((string)item.Attribute("Include")!).Replace('\\', '/')))
            .ToArray();

    /// <summary>Each namespace of the project and the project's other namespaces its files import.</summary>
    private static Dictionary<string, HashSet<string>> NamespaceUses(string project)
    {
        var uses = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (string file in Directory.GetFiles(project, "*.cs", SearchOption.AllDirectories).Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            string text = File.ReadAllText(file);
            string ns = Namespace().Match(text).Groups["name"].Value;
            HashSet<string> set = uses.TryGetValue(ns, out HashSet<string>? found) ? found : uses[ns] = new HashSet<string>(StringComparer.Ordinal);
            foreach (Match match in Using().Matches(text))
            {
                string used = match.Groups["name"].Value;
                if (used != ns)
                {
                    set.Add(used);
                }
            }

            // A qualified name such as State.ExecutionPolicyEntry is a dependency as much as a using directive.
            foreach (Match match in Qualified().Matches(text))
            {
                string used = "TeamBot." + match.Groups["name"].Value;
                if (used != ns && uses.ContainsKey(used) | Directory.Exists(Path.Combine(project, match.Groups["name"].Value)))
                {
                    set.Add(used);
                }
            }
        }

        return uses;
    }

    private static bool Reaches(Dictionary<string, HashSet<string>> uses, string from, string target, HashSet<string> seen)
    {
        foreach (string next in uses.GetValueOrDefault(from) ?? [])
        {
            if (next == target || (seen.Add(next) && Reaches(uses, next, target, seen)))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"^namespace (?<name>[\w.]+);", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    [GeneratedRegex(@"^using (?<name>TeamBot(\.\w+)*);", RegexOptions.Multiline)]
    private static partial Regex Using();

    [GeneratedRegex(@"(?<![\w.""])(?<name>Definitions|Rules|Execution|State|Agents|Objectives|AcceptanceTests|Telemetry)\.[A-Z]\w*")]
    private static partial Regex Qualified();
}
