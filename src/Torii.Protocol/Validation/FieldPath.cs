using System.Runtime.CompilerServices;

namespace Torii.Protocol;

/// <summary>
/// The name of the field a rule checks ("add_cluster.cluster_id"), kept as its parts and joined only
/// when a message names it: the rules of a valid request built a dozen such names each for nothing,
/// a quarter of what applying a 100,000-cluster state file allocated (bench/run.sh scenario s).
/// Written as an interpolated string (<c>$"{field}.cluster_id"</c>) wherever a rule passes one on.
/// </summary>
[InterpolatedStringHandler]
internal struct FieldPath : ISpanFormattable
{
    private string? _head;
    private string? _tail;

    public FieldPath(int literalLength, int formattedCount)
    {
        _ = literalLength;
        _ = formattedCount;
    }

    private FieldPath(string name) => _head = name;

    public static implicit operator FieldPath(string name) => new(name);

    public void AppendLiteral(string value) => Add(value);

    public void AppendFormatted(string? value) => Add(value ?? string.Empty);

    public void AppendFormatted(FieldPath value) => Add(value._tail is null ? value._head ?? string.Empty : value.ToString());

    public void AppendFormatted<T>(T value) => Add(value?.ToString() ?? string.Empty);

    public override readonly string ToString() => _tail is null ? _head ?? string.Empty : string.Concat(_head, _tail);

    public readonly string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    public readonly bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        var head = _head.AsSpan();
        var tail = _tail.AsSpan();
        if (head.Length + tail.Length > destination.Length)
        {
            charsWritten = 0;
            return false;
        }

        head.CopyTo(destination);
        tail.CopyTo(destination[head.Length..]);
        charsWritten = head.Length + tail.Length;
        return true;
    }

    // Two parts cover "{field}.name"; a longer name is joined as it is built, which only nested messages need.
    private void Add(string part)
    {
        if (_head is null)
        {
            _head = part;
        }
        else if (_tail is null)
        {
            _tail = part;
        }
        else
        {
            _head = string.Concat(_head, _tail);
            _tail = part;
        }
    }
}
