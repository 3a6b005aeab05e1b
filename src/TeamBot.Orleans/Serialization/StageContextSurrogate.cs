using System.Collections.Generic;
using System.Linq;
using Orleans;
using TeamBot.AcceptanceTests;
using TeamBot.Agents;
using TeamBot.Definitions;
using TeamBot.Objectives;

namespace TeamBot.Orleans.Serialization;

/// <summary>How Orleans carries a <see cref="StageContext"/>: its prior outputs are listed once, when it is sent.</summary>
[GenerateSerializer]
internal struct StageContextSurrogate
{
    [Id(0)] public string Stage;
    [Id(1)] public string StageName;
    [Id(2)] public string Description;
    [Id(3)] public string? PromptTemplate;
    [Id(4)] public Objective? Objective;
    [Id(5)] public string WorkingDirectory;
    [Id(6)] public string ArtifactsDirectory;
    [Id(7)] public string[] RequiredArtifacts;
    [Id(8)] public string[] ExitCriteria;
    [Id(9)] public string[] AllowedPersonas;
    [Id(10)] public KeyValuePair<string, string>[] PriorOutputs;
    [Id(11)] public string? WorkToReview;
    [Id(12)] public string? ReviewFeedback;
    [Id(13)] public string? PreviousAttempt;
    [Id(14)] public int Iteration;
    [Id(15)] public AcceptanceScenario[] Scenarios;
    [Id(16)] public string? AcceptanceFailures;
    [Id(17)] public StagePermissions? Permissions;
    [Id(18)] public int? MaxTokensPerCall;
}

[RegisterConverter]
internal sealed class StageContextConverter : IConverter<StageContext, StageContextSurrogate>
{
    public StageContext ConvertFromSurrogate(in StageContextSurrogate s) => new()
    {
        Stage = s.Stage,
        StageName = s.StageName,
        Description = s.Description,
        PromptTemplate = s.PromptTemplate,
        Objective = s.Objective,
        WorkingDirectory = s.WorkingDirectory,
        ArtifactsDirectory = s.ArtifactsDirectory,
        RequiredArtifacts = [.. s.RequiredArtifacts],
        ExitCriteria = [.. s.ExitCriteria],
        AllowedPersonas = [.. s.AllowedPersonas],
        PriorOutputs = s.PriorOutputs,
        WorkToReview = s.WorkToReview,
        ReviewFeedback = s.ReviewFeedback,
        PreviousAttempt = s.PreviousAttempt,
        Iteration = s.Iteration,
        Scenarios = [.. s.Scenarios],
        AcceptanceFailures = s.AcceptanceFailures,
        Permissions = s.Permissions,
        MaxTokensPerCall = s.MaxTokensPerCall,
    };

    public StageContextSurrogate ConvertToSurrogate(in StageContext v) => new()
    {
        Stage = v.Stage,
        StageName = v.StageName,
        Description = v.Description,
        PromptTemplate = v.PromptTemplate,
        Objective = v.Objective,
        WorkingDirectory = v.WorkingDirectory,
        ArtifactsDirectory = v.ArtifactsDirectory,
        RequiredArtifacts = [.. v.RequiredArtifacts],
        ExitCriteria = [.. v.ExitCriteria],
        AllowedPersonas = [.. v.AllowedPersonas],
        PriorOutputs = [.. v.PriorOutputs],
        WorkToReview = v.WorkToReview,
        ReviewFeedback = v.ReviewFeedback,
        PreviousAttempt = v.PreviousAttempt,
        Iteration = v.Iteration,
        Scenarios = [.. v.Scenarios],
        AcceptanceFailures = v.AcceptanceFailures,
        Permissions = v.Permissions,
        MaxTokensPerCall = v.MaxTokensPerCall,
    };
}
