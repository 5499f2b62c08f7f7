namespace Torii.Proxy.Health.Postgres;

/// <summary>One connection's message stream: whole messages out, bounded messages in.</summary>
internal sealed class PostgresWire(Stream stream)
{
    private readonly BackendMessageReader _reader = new(stream);

    public ValueTask<BackendMessage> ReadAsync(CancellationToken cancellationToken) => _reader.ReadAsync(cancellationToken);

    public async ValueTask SendAsync(byte[] message, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
