using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace TeamBot.Workflow.Model;

/// <summary>
/// An immutable array with value equality, so that models holding collections compare equal when their contents do
/// and the incremental generator's cache can skip unchanged work.
/// </summary>
/// <typeparam name="T">The element type; must have value equality itself.</typeparam>
public readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
    where T : IEquatable<T>
{
    private readonly T[]? _items;

    /// <summary>Initializes a new instance of the <see cref="EquatableArray{T}"/> struct over a copy of <paramref name="items"/>.</summary>
    public EquatableArray(IEnumerable<T> items) => _items = items.ToArray();

    /// <inheritdoc/>
    public int Count => _items?.Length ?? 0;

    /// <inheritdoc/>
    public T this[int index] => (_items ?? throw new ArgumentOutOfRangeException(nameof(index)))[index];

    /// <summary>Compares two arrays element by element.</summary>
    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    /// <summary>Compares two arrays element by element.</summary>
    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(EquatableArray<T> other)
    {
        T[] mine = _items ?? [];
        T[] theirs = other._items ?? [];
        if (mine.Length != theirs.Length)
        {
            return false;
        }

        for (int i = 0; i < mine.Length; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(mine[i], theirs[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        int hash = 17;
        foreach (T item in _items ?? [])
        {
            hash = unchecked((hash * 31) + (item is null ? 0 : EqualityComparer<T>.Default.GetHashCode(item)));
        }

        return hash;
    }

    /// <inheritdoc/>
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_items ?? [])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Creates <see cref="EquatableArray{T}"/> values.</summary>
public static class EquatableArray
{
    /// <summary>Copies <paramref name="items"/> into an <see cref="EquatableArray{T}"/>.</summary>
    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items)
        where T : IEquatable<T> => new(items);
}
