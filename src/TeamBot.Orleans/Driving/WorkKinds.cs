namespace TeamBot.Orleans.Driving;

/// <summary>The names of the agent commands in <see cref="Contracts.WorkItem.Kind"/>.</summary>
internal static class WorkKinds
{
    public const string Work = "work";
    public const string ReviewWork = "review_work";
    public const string Review = "review";
    public const string AcceptanceTests = "acceptance_tests";
    public const string Fix = "fix";
}
