using System.Buffers.Binary;
using System.Text;

namespace Torii.Proxy.Health.Postgres;

/// <summary>Reads the fields of one message body in order (network byte order, NUL-terminated strings).</summary>
internal ref struct MessageBody(ReadOnlySpan<byte> body)
{
    private ReadOnlySpan<byte> _rest = body;

    public readonly ReadOnlySpan<byte> Rest => _rest;

    public readonly bool IsEmpty => _rest.IsEmpty;

    public int ReadInt32()
    {
        ReadOnlySpan<byte> bytes = Take(4);
        return BinaryPrimitives.ReadInt32BigEndian(bytes);
    }

    public short ReadInt16()
    {
        ReadOnlySpan<byte> bytes = Take(2);
        return BinaryPrimitives.ReadInt16BigEndian(bytes);
    }

    public byte ReadByte() => Take(1)[0];

    public string ReadCString()
    {
        int end = _rest.IndexOf((byte)0);
        if (end < 0)
        {
            throw new PostgresCheckException("malformed server message: a string without its terminating NUL");
        }

        string value = Encoding.UTF8.GetString(_rest[..end]);
        _rest = _rest[(end + 1)..];
        return value;
    }

    public ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > _rest.Length)
        {
            throw new PostgresCheckException("malformed server message: shorter than its fields");
        }

        ReadOnlySpan<byte> taken = _rest[..count];
        _rest = _rest[count..];
        return taken;
    }
}
