using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using TeamBot.Objectives;
using TeamBot.Tests.Support;

namespace TeamBot.Tests.Objectives;

/// <summary>
/// Objective files as a careless or hostile hand gives them: huge, endless, a folder, not text, not UTF-8. Each is read
/// or refused with an <see cref="ObjectiveException"/> that names the file; none escapes as another exception.
/// </summary>
public sealed class ObjectiveFileTests : IDisposable
{
    private static readonly string Limit = ObjectiveParser.MaxFileBytes.ToString(CultureInfo.InvariantCulture);

    private readonly string _folder = Directory.CreateTempSubdirectory("teambot-objective-files-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>
    /// A 50 MB one-line goal once took 3.1 GB of memory and wrote 1.2 GB of artifacts. It is refused now, with its size
    /// and the limit, and no more than the limit is read to find out.
    /// </summary>
    [Fact]
    public void A_50_MB_goal_is_refused_with_its_size_and_the_limit_without_being_read_whole()
    {
        string path = Path.Combine(_folder, "huge.md");
        byte[] header = Encoding.UTF8.GetBytes("## Objective\n\n**Goal**: ");
        using (FileStream file = File.Create(path))
        {
            file.Write(header);
            byte[] chunk = new byte[1 << 20];
            Array.Fill(chunk, (byte)'x');
            for (int i = 0; i < 50; i++)
            {
                file.Write(chunk);
            }
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<ObjectiveException>(() => ObjectiveParser.Load(path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains($"'{path}'", error.Message, StringComparison.Ordinal);
        Assert.Contains((header.Length + (50L << 20)).ToString(CultureInfo.InvariantCulture) + " bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains(Limit, error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 3L * ObjectiveParser.MaxFileBytes, $"Refusing the file allocated {allocated} bytes.");
    }

    [Fact]
    public void A_file_of_exactly_the_limit_is_read_and_one_byte_more_is_refused()
    {
        string text = "# Objective: At the limit\n\n## Goals\n1. Fill the file.\n\n## Context\n";
        string atLimit = Path.Combine(_folder, "at-limit.md");
        File.WriteAllText(atLimit, text + new string('c', ObjectiveParser.MaxFileBytes - text.Length));
        string overLimit = Path.Combine(_folder, "over-limit.md");
        File.WriteAllText(overLimit, text + new string('c', ObjectiveParser.MaxFileBytes - text.Length + 1));

        Assert.Equal("At the limit", ObjectiveParser.Load(atLimit).Title);
        var error = Assert.Throws<ObjectiveException>(() => ObjectiveParser.Load(overLimit));
        Assert.Contains($"'{overLimit}' is {ObjectiveParser.MaxFileBytes + 1} bytes", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Text handed to <see cref="ObjectiveParser.Parse"/> directly has the same limit as a file.</summary>
    [Fact]
    public void Parsed_text_over_the_limit_is_refused_naming_its_source()
    {
        string text = "# Objective: Too long\n\n## Goals\n1. " + new string('g', ObjectiveParser.MaxFileBytes);

        var error = Assert.Throws<ObjectiveException>(() => ObjectiveParser.Parse(text, "long.md"));

        Assert.Contains("'long.md'", error.Message, StringComparison.Ordinal);
        Assert.Contains(Limit, error.Message, StringComparison.Ordinal);
    }

    /// <summary>An endless device is cut off at the limit: reading the whole of it never ends.</summary>
    [UnixFact]
    public void An_endless_device_is_refused_at_the_limit()
    {
        var error = Assert.Throws<ObjectiveException>(() => ObjectiveParser.Load("/dev/zero"));

        Assert.Contains("'/dev/zero' has more than " + Limit + " bytes", error.Message, StringComparison.Ordinal);
    }

    /// <summary><c>teambot run &lt;(make-objective)</c> hands over a pipe: it is read like a file.</summary>
    [UnixFact]
    public async Task A_pipe_is_read_like_a_file()
    {
        string fifo = MakeFifo("piped.md");
        Task<long> writer = WriteToFifoAsync(fifo, Encoding.UTF8.GetBytes("# Objective: Piped in\n\n## Goals\n1. Arrive.\n"), repeat: false);

        Objective objective = ObjectiveParser.Load(fifo);

        Assert.Equal("Piped in", objective.Title);
        Assert.Equal(["Arrive."], objective.Goals.AsEnumerable());
        await writer.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>A pipe that never ends is refused at the limit, and its writer is cut off soon after.</summary>
    [UnixFact]
    public async Task An_endless_pipe_is_refused_at_the_limit()
    {
        string fifo = MakeFifo("endless.md");
        Task<long> writer = WriteToFifoAsync(fifo, Encoding.UTF8.GetBytes("# Objective: Endless\n\n## Goals\n1. More.\n"), repeat: true);

        var error = Assert.Throws<ObjectiveException>(() => ObjectiveParser.Load(fifo));

        Assert.Contains($"'{fifo}' has more than {Limit} bytes", error.Message, StringComparison.Ordinal);
        long written = await writer.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.InRange(written, ObjectiveParser.MaxFileBytes + 1, 2L * ObjectiveParser.MaxFileBytes);
    }

    [Fact]
    public void A_folder_is_refused_as_a_folder()
    {
        var error = Assert.Throws<ObjectiveException>(() => ObjectiveParser.Load(_folder));

        Assert.Contains($"'{_folder}' is a folder", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Text in another encoding would reach the agents as replacement characters; it is refused, saying where.</summary>
    [Fact]
    public void A_file_that_is_not_utf8_is_refused_with_the_offset_of_the_first_bad_byte()
    {
        string path = Write("latin1.md", [.. "# Objective: Caf"u8, 0xE9, .. "\n\n## Goals\n1. Serve coffee.\n"u8]);

        var error = Assert.Throws<ObjectiveException>(() => ObjectiveParser.Load(path));

        Assert.Contains($"'{path}' is not UTF-8 text: the byte at offset 16 (0xE9)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE })]
    [InlineData(new byte[] { 0xFE, 0xFF })]
    public void A_utf16_file_is_refused_as_utf16(byte[] byteOrderMark)
    {
        bool bigEndian = byteOrderMark[0] == 0xFE;
        string path = Write("utf16.md", [.. byteOrderMark, .. new UnicodeEncoding(bigEndian, byteOrderMark: false).GetBytes("# Objective: Wide\n\n## Goals\n1. x\n")]);

        var error = Assert.Throws<ObjectiveException>(() => ObjectiveParser.Load(path));

        Assert.Contains($"'{path}' is UTF-16 text", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Editors on Windows start UTF-8 files with a byte order mark; it is not part of the title.</summary>
    [Fact]
    public void A_utf8_byte_order_mark_is_skipped()
    {
        byte[] example = File.ReadAllBytes(Path.Combine(TestSupport.RepoRoot, "examples", "objectives", "sdd-objective-notification-digest.md"));
        string path = Write("sdd-objective-notification-digest.md", [0xEF, 0xBB, 0xBF, .. example]);

        Objective objective = ObjectiveParser.Load(path);

        Assert.Equal("notification-digest", objective.FeatureName);
        Assert.Equal(["Send each user one daily digest instead of a notification per event."], objective.Goals.AsEnumerable());
    }

    /// <summary>A NUL byte means a binary file, and no agent prompt or process argument can carry one.</summary>
    [Fact]
    public void A_file_with_a_nul_byte_is_refused_with_its_offset()
    {
        string path = Write("binary.md", [.. "# Objective: A"u8, 0, .. "B\n\n## Goals\n1. x\n"u8]);

        var error = Assert.Throws<ObjectiveException>(() => ObjectiveParser.Load(path));

        Assert.Contains($"'{path}' has a NUL character on line 1, column 15", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A state file names its objective file: a NUL in that name is refused like any unreadable file.</summary>
    [Fact]
    public void A_path_with_a_nul_character_is_refused()
    {
        string path = Path.Combine(_folder, "objective\0.md");

        var error = Assert.Throws<ObjectiveException>(() => ObjectiveParser.Load(path));

        Assert.Contains("cannot be read", error.Message, StringComparison.Ordinal);
    }

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string MakeFifo(string name)
    {
        string path = Path.Combine(_folder, name);
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    /// <summary>Writes <paramref name="content"/> once, or again and again until the reader hangs up.</summary>
    /// <returns>The number of bytes written.</returns>
    private static Task<long> WriteToFifoAsync(string fifo, byte[] content, bool repeat) =>
        Task.Run(() =>
        {
            long written = 0;
            try
            {
                // Opening a FIFO waits for its reader, as the reader's open waits for this.
                using var stream = new FileStream(fifo, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
                do
                {
                    stream.Write(content);
                    written += content.Length;
                }
                while (repeat);
            }
            catch (IOException) when (repeat)
            {
                // The reader closed the pipe: that is how an endless writer learns it was cut off.
            }

            return written;
        });
}
