using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace TeamBot.Rules;

/// <summary>A parallel group's members and how many of them are still pending.</summary>
/// <typeparam name="TStage">The generated stage enum.</typeparam>
/// <remarks>
/// The count is kept beside the members so that the gate's "has every member finished?" is one comparison: asked
/// after each member, a scan would make a group of <c>n</c> members cost <c>n²</c>.
/// </remarks>
public sealed record GroupState<TStage>
    where TStage : struct, Enum
{
    /// <summary>Initializes a new instance of the <see cref="GroupState{TStage}"/> class.</summary>
    /// <param name="members">Each member's status.</param>
    public GroupState(ImmutableDictionary<TStage, MemberState> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        Members = members;
        Pending = members.Values.Count(member => member.Status == MemberStatus.Pending);
    }

    private GroupState(ImmutableDictionary<TStage, MemberState> members, int pending) => (Members, Pending) = (members, pending);

    /// <summary>Gets each member's status.</summary>
    public ImmutableDictionary<TStage, MemberState> Members { get; }

    /// <summary>Gets the number of members still pending; the group's gate opens at 0.</summary>
    public int Pending { get; }

    /// <summary>Gets a member's status.</summary>
    public MemberState this[TStage member] => Members[member];

    /// <summary>Records that a pending member finished.</summary>
    internal GroupState<TStage> Finish(TStage member, MemberState result) =>
        new(Members.SetItem(member, result), Pending - 1);

    /// <inheritdoc/>
    public bool Equals(GroupState<TStage>? other) =>
        other is not null && Pending == other.Pending && Members.Count == other.Members.Count &&
        Members.All(member => other.Members.TryGetValue(member.Key, out MemberState state) && state == member.Value);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Pending, Members.Count);
}
