using Microsoft.Extensions.Logging;

using TeamBot.Rules;

namespace TeamBot.Execution;

/// <summary>The runner's log messages, source-generated so that logging costs nothing when disabled.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Run of {Feature} started at {Stage}")]
    public static partial void RunStarted(ILogger logger, string feature, string stage);

    [LoggerMessage(2, LogLevel.Information, "Run of {Feature} ended: {Status}")]
    public static partial void RunEnded(ILogger logger, string feature, RunStatus status);

    [LoggerMessage(3, LogLevel.Information, "Stage {Stage} started ({Task} by {Agent})")]
    public static partial void AgentCalled(ILogger logger, string stage, Agents.AgentTask task, string agent);

    [LoggerMessage(4, LogLevel.Warning, "Stage {Stage} failed: {Error}")]
    public static partial void StageFailed(ILogger logger, string stage, string error);

    [LoggerMessage(5, LogLevel.Debug, "{Event}")]
    public static partial void Progress(ILogger logger, WorkflowEvent @event);

    [LoggerMessage(6, LogLevel.Warning, "Run of {Feature}: another session took the run over; this one stops without writing anything more. {Reason}")]
    public static partial void RunFenced(ILogger logger, string feature, string reason);

    [LoggerMessage(7, LogLevel.Information, "Work {Checkpoint} was under way when the run stopped: its {Restored} files were put back and {Removed} files it created were removed before it runs again")]
    public static partial void WorkspaceRolledBack(ILogger logger, string checkpoint, int restored, int removed);

    [LoggerMessage(8, LogLevel.Warning, "Stage {Stage}: the next agent call was not made. {Reason}")]
    public static partial void BudgetExceeded(ILogger logger, string stage, string reason);
}
