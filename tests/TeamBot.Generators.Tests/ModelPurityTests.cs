using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using TeamBot.Generators.Model;
using TeamBot.Workflow.Model;

namespace TeamBot.Generators.Tests;

/// <summary>
/// The incremental cache compares models by value; a compiler object inside one (a symbol, a syntax node, a
/// location, a compilation) would defeat the cache and keep whole compilations alive.
/// </summary>
public sealed class ModelPurityTests
{
    private static readonly Type[] Forbidden = [typeof(Compilation), typeof(ISymbol), typeof(SyntaxNode), typeof(Location), typeof(SyntaxTree), typeof(AdditionalText)];

    public static TheoryData<string> ModelTypes()
    {
        var data = new TheoryData<string>();
        foreach (Type type in Roots())
        {
            data.Add(type.FullName!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ModelTypes))]
    public void Model_types_hold_no_compilation_data(string typeName)
    {
        Type root = Roots().Single(type => type.FullName == typeName);

        Assert.Null(FindForbidden(root));
    }

    [Fact]
    public void The_walk_finds_compiler_types_nested_in_generic_collections()
    {
        Assert.Equal("LeakyModel.<Places>k__BackingField<Location>", FindForbidden(typeof(LeakyModel)));
        Assert.Null(FindForbidden(typeof(EquatableArray<Located<string>>)));
    }

    /// <summary>The path to the first compiler or YamlDotNet type reachable through instance fields, or null.</summary>
    private static string? FindForbidden(Type root)
    {
        var seen = new HashSet<Type>();
        var pending = new Stack<(Type Type, string Path)>([(root, root.Name)]);
        while (pending.Count > 0)
        {
            (Type type, string path) = pending.Pop();
            if (!seen.Add(type) || type.IsPrimitive || type == typeof(string))
            {
                continue;
            }

            if (Forbidden.Any(forbidden => forbidden.IsAssignableFrom(type)) || (type.Namespace?.StartsWith("YamlDotNet", StringComparison.Ordinal) ?? false))
            {
                return path;
            }

            foreach (Type argument in type.GetGenericArguments())
            {
                pending.Push((argument, $"{path}<{argument.Name}>"));
            }

            foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                pending.Push((field.FieldType, $"{path}.{field.Name}"));
            }

            if (type.IsArray)
            {
                pending.Push((type.GetElementType()!, path + "[]"));
            }
        }

        return null;
    }

    private static IEnumerable<Type> Roots() =>
        typeof(WorkflowDocument).Assembly.GetTypes().Where(type => type.Namespace == typeof(WorkflowDocument).Namespace && !type.IsAbstract && !type.IsInterface && !IsStaticClass(type))
            .Concat(typeof(WorkflowSpec).Assembly.GetTypes().Where(type => type.Namespace == typeof(WorkflowSpec).Namespace))
            .Where(type => !type.IsNested && !type.Name.StartsWith('<'));

    private static bool IsStaticClass(Type type) => type.IsAbstract && type.IsSealed;
}

/// <summary>A model that wrongly keeps compiler locations, to prove the walk catches them.</summary>
internal sealed record LeakyModel(IReadOnlyList<Location> Places);
