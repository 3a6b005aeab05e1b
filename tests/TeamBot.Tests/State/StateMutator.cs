using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TeamBot.Tests.State;

/// <summary>
/// Mutates saved state documents and journals, structurally (a value replaced by a hostile one, a property dropped or
/// renamed, lines dropped, repeated or swapped) and byte-wise (bytes flipped, inserted or cut, a byte order mark, NUL,
/// invalid UTF-8), from a fixed seed so every failure can be replayed.
/// </summary>
internal sealed class StateMutator(int seed)
{
    private static readonly Func<JsonNode?>[] HostileValues =
    [
        () => null, () => -1, () => 0, () => int.MaxValue, () => int.MinValue, () => long.MaxValue, () => 1e300, () => -1e300, () => 1.5,
        () => "", () => "bogus", () => "PLAN_REVIEW", () => "in_progress", () => "completed", () => "line\nbreak\u0000\u001b[31m", () => true, () => new JsonObject(), () => new JsonArray(),
        () => new string('x', 20_000), () => new JsonArray(null, 1, "x"), () => new JsonObject { ["PLAN"] = null, ["NOPE"] = 3 },
    ];

    private static readonly string[] Keys = ["SETUP", "PLAN_REVIEW", "post_spec_review", "status", "iteration", "stages", "NOPE", "", "a\nb", "seq", "event"];

    private readonly Random _random = new(seed);

    public int Seed => seed;

    /// <summary>One mutation of a JSON document.</summary>
    public byte[] MutateDocument(string json) => _random.Next(3) == 0 ? MutateBytes(Encoding.UTF8.GetBytes(json)) : Encoding.UTF8.GetBytes(MutateStructure(JsonNode.Parse(json)!).ToJsonString());

    /// <summary>One mutation of a journal: its lines as a whole, one line's JSON, or its bytes.</summary>
    public byte[] MutateJournal(string journal)
    {
        List<string> lines = journal.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        switch (_random.Next(5))
        {
            case 0:
            case 3 when lines.Count == 0:
            case 4 when lines.Count == 0:
                return MutateBytes(Encoding.UTF8.GetBytes(journal));
            case 1 when lines.Count > 1:
                int a = _random.Next(lines.Count), b = _random.Next(lines.Count);
                (lines[a], lines[b]) = (lines[b], lines[a]);
                break;
            case 2 when lines.Count > 0:
                int at = _random.Next(lines.Count);
                if (_random.Next(2) == 0)
                {
                    lines.RemoveAt(at);
                }
                else
                {
                    lines.Insert(at, lines[at]);
                }

                break;
            default:
                int line = _random.Next(lines.Count);
                lines[line] = MutateStructure(JsonNode.Parse(lines[line])!).ToJsonString(new JsonSerializerOptions { WriteIndented = false });
                break;
        }

        return Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
    }

    private JsonNode MutateStructure(JsonNode root)
    {
        int mutations = 1 + _random.Next(3);
        for (int i = 0; i < mutations; i++)
        {
            List<JsonNode> containers = Descendants(root).Where(node => node is JsonObject { Count: > 0 } or JsonArray { Count: > 0 }).ToList();
            if (containers.Count == 0)
            {
                break;
            }

            JsonNode container = containers[_random.Next(containers.Count)];
            if (container is JsonObject obj)
            {
                string key = obj.ElementAt(_random.Next(obj.Count)).Key;
                switch (_random.Next(4))
                {
                    case 0:
                        obj.Remove(key);
                        break;
                    case 1:
                        JsonNode? value = obj[key];
                        obj.Remove(key);
                        obj[Keys[_random.Next(Keys.Length)]] = value;
                        break;
                    default:
                        obj[key] = HostileValues[_random.Next(HostileValues.Length)]();
                        break;
                }
            }
            else
            {
                var array = (JsonArray)container;
                array[_random.Next(array.Count)] = HostileValues[_random.Next(HostileValues.Length)]();
            }
        }

        return root;
    }

    private byte[] MutateBytes(byte[] bytes)
    {
        var result = new List<byte>(bytes);
        int at = result.Count == 0 ? 0 : _random.Next(result.Count);
        switch (_random.Next(7))
        {
            case 0 when result.Count > 0:
                result[at] ^= (byte)(1 << _random.Next(8));
                break;
            case 1:
                result.InsertRange(at, Enumerable.Range(0, 1 + _random.Next(8)).Select(_ => (byte)_random.Next(256)));
                break;
            case 2 when result.Count > 0:
                result.RemoveRange(at, Math.Min(result.Count - at, 1 + _random.Next(64)));
                break;
            case 3:
                result.RemoveRange(at, result.Count - at);
                break;
            case 4:
                result.InsertRange(_random.Next(2) == 0 ? 0 : at, [0xEF, 0xBB, 0xBF]);
                break;
            case 5:
                result.InsertRange(at, [0x00, 0x0A, 0x00]);
                break;
            default:
                result.InsertRange(at, [0xC3, 0x28, 0xFF, 0xFE]);
                break;
        }

        return [.. result];
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject obj => obj.Select(pair => pair.Value),
            JsonArray array => array,
            _ => [],
        };
        foreach (JsonNode child in children.OfType<JsonNode>())
        {
            foreach (JsonNode descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }
}
