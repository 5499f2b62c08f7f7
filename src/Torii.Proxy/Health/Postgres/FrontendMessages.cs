using System.Buffers.Binary;
using System.Text;

namespace Torii.Proxy.Health.Postgres;

/// <summary>Builds the client's messages of protocol 3.0, each as one buffer ready to send.</summary>
internal static class FrontendMessages
{
    public const int ProtocolVersion3 = 3 << 16;

    private const byte Password = (byte)'p';
    private const byte Query = (byte)'Q';
    private const byte Terminate = (byte)'X';

    /// <summary>The StartupMessage: no type byte, the length, the version, then name/value pairs ended by a NUL.</summary>
    public static byte[] Startup(IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        int length = 4 + 4 + 1;
        foreach ((string name, string value) in parameters)
        {
            length += CStringLength(name) + CStringLength(value);
        }

        var message = new byte[length];
        BinaryPrimitives.WriteInt32BigEndian(message, length);
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(4), ProtocolVersion3);
        int offset = 8;
        foreach ((string name, string value) in parameters)
        {
            offset += WriteCString(message.AsSpan(offset), name);
            offset += WriteCString(message.AsSpan(offset), value);
        }

        message[offset] = 0;
        return message;
    }

    /// <summary>A PasswordMessage: the cleartext or MD5-hashed password as a string.</summary>
    public static byte[] PasswordMessage(string password)
    {
        byte[] message = Typed(Password, CStringLength(password));
        WriteCString(message.AsSpan(5), password);
        return message;
    }

    /// <summary>SASLInitialResponse: the chosen mechanism, then the length of the client's first message and the message.</summary>
    public static byte[] SaslInitialResponse(string mechanism, ReadOnlySpan<byte> data)
    {
        byte[] message = Typed(Password, CStringLength(mechanism) + 4 + data.Length);
        int offset = 5 + WriteCString(message.AsSpan(5), mechanism);
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(offset), data.Length);
        data.CopyTo(message.AsSpan(offset + 4));
        return message;
    }

    /// <summary>SASLResponse: the client's next SASL message, the rest of the body.</summary>
    public static byte[] SaslResponse(ReadOnlySpan<byte> data)
    {
        byte[] message = Typed(Password, data.Length);
        data.CopyTo(message.AsSpan(5));
        return message;
    }

    /// <summary>A simple Query.</summary>
    public static byte[] SimpleQuery(string sql)
    {
        byte[] message = Typed(Query, CStringLength(sql));
        WriteCString(message.AsSpan(5), sql);
        return message;
    }

    public static byte[] TerminateMessage() => Typed(Terminate, 0);

    private static byte[] Typed(byte type, int bodyLength)
    {
        var message = new byte[1 + 4 + bodyLength];
        message[0] = type;
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(1), 4 + bodyLength);
        return message;
    }

    private static int CStringLength(string value) => Encoding.UTF8.GetByteCount(value) + 1;

    private static int WriteCString(Span<byte> destination, string value)
    {
        int written = Encoding.UTF8.GetBytes(value, destination);
        destination[written] = 0;
        return written + 1;
    }
}
