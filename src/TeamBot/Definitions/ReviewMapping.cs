using System;

namespace TeamBot.Definitions;

/// <summary>A work stage and the review stage that reviews its output (<c>work_to_review_mapping</c>).</summary>
/// <typeparam name="TStage">The generated stage enum.</typeparam>
/// <param name="WorkStage">The stage whose output is reviewed.</param>
/// <param name="ReviewStage">The stage that reviews it.</param>
public readonly record struct ReviewMapping<TStage>(TStage WorkStage, TStage ReviewStage)
    where TStage : struct, Enum;
