namespace TeamBot.Testing;

/// <summary>When a crash happens relative to a durable write.</summary>
public enum CrashMoment
{
    /// <summary>Just before the write: its events happened but are lost, and the work that gave them runs again.</summary>
    BeforeWrite,

    /// <summary>Inside the write: a journal append keeps only its first entries; a snapshot is written but the journal
    /// it folds in is not yet cleared.</summary>
    InsideWrite,

    /// <summary>Just after the write, before any of its commands is carried out.</summary>
    AfterWrite,
}
