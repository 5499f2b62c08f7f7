using System.Diagnostics;
using System.Net.Sockets;

namespace Torii.Client;

/// <summary>Connects to the command socket, retrying with backoff while it is missing or refuses.</summary>
internal sealed class SocketConnector
{
    private readonly ToriiClientOptions _options;
    private readonly UnixDomainSocketEndPoint _endPoint;
    private readonly ConnectionEvents _events;

    public SocketConnector(ToriiClientOptions options, ConnectionEvents events)
    {
        _options = options;
        _endPoint = new UnixDomainSocketEndPoint(options.SocketPath);
        _events = events;
    }

    /// <exception cref="ProxyUnavailableException"><paramref name="giveUp"/> fired before a connection was made.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="callerCancellation"/> fired.</exception>
    public async Task<Socket> ConnectAsync(CancellationToken giveUp, CancellationToken callerCancellation)
    {
        var backoff = new ExponentialBackoff(_options.ConnectBackoffInitial, _options.ConnectBackoffMax);
        long started = Stopwatch.GetTimestamp();
        Exception? lastError = null;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                Socket socket = await TryConnectOnceAsync(giveUp).ConfigureAwait(false);
                _events.Raise(new ConnectionEvent(
                    ConnectionEventKind.Connected, _options.SocketPath, $"connected to the proxy at {_options.SocketPath}", Attempt: attempt));
                return socket;
            }
            catch (SocketException exception)
            {
                lastError = exception;
            }
            catch (OperationCanceledException) when (!callerCancellation.IsCancellationRequested)
            {
                throw GaveUp(attempt, lastError, started);
            }

            TimeSpan delay = backoff.Next();
            _events.Raise(new ConnectionEvent(
                ConnectionEventKind.ConnectFailed,
                _options.SocketPath,
                $"cannot connect to the proxy at {_options.SocketPath} ({lastError.Message}); retrying in {delay.TotalMilliseconds:0} ms",
                lastError,
                attempt,
                delay));
            try
            {
                await Task.Delay(delay, giveUp).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!callerCancellation.IsCancellationRequested)
            {
                throw GaveUp(attempt, lastError, started);
            }
        }
    }

    private async Task<Socket> TryConnectOnceAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(_endPoint, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private ProxyUnavailableException GaveUp(int attempts, Exception? lastError, long started)
    {
        TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
        string cause = lastError is null ? "no attempt finished" : lastError.Message;
        return new ProxyUnavailableException(
            _options.SocketPath,
            $"cannot connect to the proxy's command socket {_options.SocketPath}: {cause} ({attempts} attempts in {elapsed.TotalSeconds:0.0} s)",
            lastError);
    }
}
