using System.Net.Sockets;

namespace Torii.Proxy.Connections;

/// <summary>
/// Notices a client that closes its connection while it waits, without reading its bytes: a zero-byte
/// receive completes when data arrives or the peer closes, and only a close leaves nothing to read.
/// A client that has already sent bytes cannot be told apart from one that closed after them, so
/// the watch ends there and such a client waits out its timeout.
/// </summary>
public sealed class ClientDepartureWatch : IDisposable
{
    private readonly CancellationTokenSource _gone = new();
    private readonly CancellationTokenSource _stop = new();

    public ClientDepartureWatch(Socket client) => _ = WatchAsync(client);

    /// <summary>Cancelled when the client has gone.</summary>
    public CancellationToken Gone => _gone.Token;

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        _gone.Dispose();
    }

    private async Task WatchAsync(Socket client)
    {
        try
        {
            await client.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, _stop.Token).ConfigureAwait(false);
            if (client.Available == 0)
            {
                SignalGone();
            }
        }
        catch (SocketException)
        {
            SignalGone();
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // The wait ended first.
        }
    }

    private void SignalGone()
    {
        try
        {
            _gone.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The wait ended first.
        }
    }
}
