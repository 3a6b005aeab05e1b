using System;
using System.Buffers;
using System.Collections.Generic;

namespace TeamBot.State;

/// <summary>
/// A growable byte buffer made of segments below the large-object threshold, reused across writes. A large run's
/// snapshot held in one array would be a new large-object-heap allocation per run, and those are collected only in
/// generation 2.
/// </summary>
internal sealed class SegmentedBuffer : IBufferWriter<byte>
{
    // Small states stay small: segments start at 4 KB and double up to 64 KB, below the 85 KB large-object threshold.
    private const int FirstSegment = 4 * 1024;
    private const int LargestSegment = 64 * 1024;
    private readonly List<byte[]> _segments = [];

    // How much of each segment before the current one was written: a write that does not fit starts the next segment.
    private readonly List<int> _filled = [];
    private int _position;

    /// <summary>Gets the bytes written since the last <see cref="Clear"/>.</summary>
    public ReadOnlySequence<byte> Written
    {
        get
        {
            if (_segments.Count == 0)
            {
                return ReadOnlySequence<byte>.Empty;
            }

            int current = _filled.Count;
            if (current == 0)
            {
                return new ReadOnlySequence<byte>(_segments[0], 0, _position);
            }

            var first = new Segment(_segments[0].AsMemory(0, _filled[0]), 0);
            Segment last = first;
            for (int i = 1; i <= current; i++)
            {
                last = last.Append(_segments[i].AsMemory(0, i == current ? _position : _filled[i]));
            }

            return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        }
    }

    /// <summary>Forgets what was written and keeps the segments for the next write.</summary>
    public void Clear()
    {
        _filled.Clear();
        _position = 0;
    }

    public void Advance(int count) => _position += count;

    public Memory<byte> GetMemory(int sizeHint = 0) => Current(sizeHint).AsMemory(_position);

    public Span<byte> GetSpan(int sizeHint = 0) => Current(sizeHint).AsSpan(_position);

    private byte[] Current(int sizeHint)
    {
        int needed = Math.Max(sizeHint, 1);
        if (_segments.Count == 0)
        {
            _segments.Add(new byte[Math.Max(FirstSegment, needed)]);
        }
        else if (_segments[_filled.Count].Length - _position < needed)
        {
            _filled.Add(_position);
            _position = 0;
            if (_filled.Count == _segments.Count)
            {
                _segments.Add(new byte[Math.Max(Math.Min(_segments[^1].Length * 2, LargestSegment), needed)]);
            }
            else if (_segments[_filled.Count].Length < needed)
            {
                // A single value larger than a segment (a long agent output) gets a segment of its own size.
                _segments[_filled.Count] = new byte[needed];
            }
        }

        return _segments[_filled.Count];
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex) => (Memory, RunningIndex) = (memory, runningIndex);

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
