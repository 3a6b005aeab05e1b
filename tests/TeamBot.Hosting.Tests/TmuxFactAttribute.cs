using System;
using System.IO;
using System.Linq;

namespace TeamBot.Hosting.Tests;

/// <summary>A test that drives a real terminal through tmux; skipped, saying why, where tmux or bash is not installed.</summary>
public sealed class TmuxFactAttribute : FactAttribute
{
    public TmuxFactAttribute()
    {
        if (OperatingSystem.IsWindows() || !OnPath("tmux") || !OnPath("bash"))
        {
            Skip = "tmux (and bash) are needed to watch the live view in a real terminal: install tmux, or run `bash eng/watch-demo.sh` where it is.";
        }
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, program)));
}
