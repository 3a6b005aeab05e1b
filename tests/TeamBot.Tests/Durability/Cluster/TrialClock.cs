using System;
using System.Threading;
using Microsoft.Extensions.Time.Testing;

namespace TeamBot.Tests.Durability.Cluster;

/// <summary>
/// The crash-test silos' clock (the driver's <c>TimeProvider</c>): the current trial's fake clock, which moves only
/// when a scripted agent overruns its stage's time limit.
/// </summary>
internal sealed class TrialClock(CurrentTrial current) : TimeProvider
{
    private FakeTimeProvider Clock => current.Session.Trial.Team.Clock;

    public override TimeZoneInfo LocalTimeZone => Clock.LocalTimeZone;

    public override long TimestampFrequency => Clock.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => Clock.GetUtcNow();

    public override long GetTimestamp() => Clock.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        Clock.CreateTimer(callback, state, dueTime, period);
}
