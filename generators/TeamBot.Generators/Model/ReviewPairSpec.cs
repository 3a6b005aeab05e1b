namespace TeamBot.Generators.Model;

/// <summary>A work stage and its review stage, as indexes into <see cref="WorkflowSpec.Stages"/>.</summary>
internal readonly record struct ReviewPairSpec(int WorkStage, int ReviewStage);
