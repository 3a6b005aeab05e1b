using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.State;

namespace TeamBot.Tests.State;

/// <summary>The memory store keeps exactly the bytes a file would hold, however large the state and however often it is saved.</summary>
public sealed class InMemoryStateStoreTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3000)]
    public async Task A_saved_state_loads_back_and_its_bytes_are_the_file_s(int stages)
    {
        var store = new InMemoryStateStore();
        // A long output (one value larger than a buffer segment) among many short ones; then a smaller state over it.
        foreach (OrchestrationStateDocument document in new[] { Document(stages, longOutput: true), Document(stages / 2, longOutput: false) })
        {
            await store.SaveAsync(document, CancellationToken.None);

            OrchestrationStateDocument loaded = (await store.LoadAsync(CancellationToken.None))!;
            Assert.Equal(document.StageOutputs, loaded.StageOutputs);
            Assert.Equal(document.CompletedStages, loaded.CompletedStages);
            Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(document, StateJsonContext.Default.OrchestrationStateDocument), store.Json!.Value.ToArray());
        }
    }

    private static OrchestrationStateDocument Document(int stages, bool longOutput)
    {
        Dictionary<string, string> outputs = Enumerable.Range(0, stages).ToDictionary(i => $"STAGE_{i}", i => $"output {i} with ünïcode");
        if (longOutput)
        {
            outputs["LONG"] = new string('x', 100_000) + "\"quoted\"";
        }

        return new OrchestrationStateDocument { Status = "in_progress", StageOutputs = outputs, CompletedStages = [.. outputs.Keys] };
    }
}
