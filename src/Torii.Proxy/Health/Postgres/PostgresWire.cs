namespace Torii.Proxy.Health.Postgres;

/// <summary>
/// One connection's message stream: whole messages out, bounded messages in. Reads go through a buffer and writes
/// do not, as a buffered stream refuses to write while it holds read-ahead (a server may send before it is asked).
/// </summary>
internal sealed class PostgresWire(Stream input, Stream output)
{
    private readonly BackendMessageReader _reader = new(input);

    public ValueTask<BackendMessage> ReadAsync(CancellationToken cancellationToken) => _reader.ReadAsync(cancellationToken);

    public ValueTask SendAsync(byte[] message, CancellationToken cancellationToken) => output.WriteAsync(message, cancellationToken);
}
