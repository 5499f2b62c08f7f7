using System.Buffers.Binary;

namespace Torii.Proxy.Health.Postgres;

/// <summary>
/// Reads the server's messages (a type byte, an Int32 length that counts itself, the body). A check's answers are
/// small, so a length beyond <see cref="MaxMessageLength"/> means a broken or foreign server, not a big message.
/// </summary>
internal sealed class BackendMessageReader(Stream stream)
{
    public const int MaxMessageLength = 64 * 1024;

    private readonly byte[] _header = new byte[5];

    public async ValueTask<BackendMessage> ReadAsync(CancellationToken cancellationToken)
    {
        await stream.ReadExactlyAsync(_header, cancellationToken).ConfigureAwait(false);
        byte type = _header[0];
        int length = BinaryPrimitives.ReadInt32BigEndian(_header.AsSpan(1));
        if (length is < 4 or > MaxMessageLength)
        {
            throw new PostgresCheckException(
                $"malformed server message: type {new BackendMessage(type, default).TypeName} with length {length} " +
                $"(at most {MaxMessageLength} bytes; is this a PostgreSQL server?)");
        }

        var body = new byte[length - 4];
        await stream.ReadExactlyAsync(body, cancellationToken).ConfigureAwait(false);
        return new BackendMessage(type, body);
    }
}
