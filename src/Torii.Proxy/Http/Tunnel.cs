using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using Torii.Proxy.Connections;
using Torii.Proxy.Sockets;

namespace Torii.Proxy.Http;

/// <summary>After a 101 Switching Protocols: bytes both ways until both sides are done or the tunnel idles out.</summary>
public static class Tunnel
{
    public static Task RunAsync(PipeReader clientReader, Stream clientStream, PipeReader backendReader, Stream backendStream, ConnectionDeadline deadline, TimeSpan idleTimeout) =>
        Task.WhenAll(
            PumpAsync(clientReader, backendStream, deadline, idleTimeout),
            PumpAsync(backendReader, clientStream, deadline, idleTimeout));

    private static async Task PumpAsync(PipeReader from, Stream to, ConnectionDeadline deadline, TimeSpan idleTimeout)
    {
        try
        {
            while (true)
            {
                var result = await from.ReadAsync(deadline.Token).ConfigureAwait(false);
                deadline.Arm(idleTimeout, TimeoutKind.Front);
                foreach (var segment in result.Buffer)
                {
                    await to.WriteAsync(segment, deadline.Token).ConfigureAwait(false);
                }

                from.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    await ShutdownSendAsync(to).ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            to.Dispose();
        }
    }

    /// <summary>Passes the end of one direction on: a TCP half-close, or TLS close_notify.</summary>
    private static async ValueTask ShutdownSendAsync(Stream stream)
    {
        switch (stream)
        {
            case LoopStream loop:
                loop.Socket.Shutdown(SocketShutdown.Send);
                break;
            case SslStream tls:
                await tls.ShutdownAsync().ConfigureAwait(false);
                break;
        }
    }
}
