namespace Torii.Proxy.Health.Postgres;

/// <summary>One message from the server: its type byte and its body (without the type and length).</summary>
internal readonly record struct BackendMessage(byte Type, ReadOnlyMemory<byte> Body)
{
    public const byte Authentication = (byte)'R';
    public const byte ParameterStatus = (byte)'S';
    public const byte BackendKeyData = (byte)'K';
    public const byte NoticeResponse = (byte)'N';
    public const byte NotificationResponse = (byte)'A';
    public const byte NegotiateProtocolVersion = (byte)'v';
    public const byte ErrorResponse = (byte)'E';
    public const byte ReadyForQuery = (byte)'Z';
    public const byte RowDescription = (byte)'T';
    public const byte DataRow = (byte)'D';
    public const byte CommandComplete = (byte)'C';
    public const byte EmptyQueryResponse = (byte)'I';

    /// <summary>Whether the server may send this at any time between others (the spec's asynchronous messages).</summary>
    public bool IsAsynchronous => Type is ParameterStatus or NoticeResponse or NotificationResponse;

    /// <summary>The type as operators read it: the letter, or its code when it is not printable.</summary>
    public string TypeName => Type is >= 0x21 and < 0x7f ? $"'{(char)Type}'" : $"0x{Type:x2}";
}
