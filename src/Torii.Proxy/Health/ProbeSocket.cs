using System.Net;
using System.Net.Sockets;

namespace Torii.Proxy.Health;

/// <summary>The short connection a check opens for itself: never one of the backend pool's.</summary>
internal static class ProbeSocket
{
    /// <returns>The connected socket, or null with the reason the connect failed.</returns>
    public static async ValueTask<(Socket? Socket, string? Failure)> ConnectAsync(IPEndPoint address, CancellationToken cancellationToken)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(address, cancellationToken).ConfigureAwait(false);
            return (socket, null);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            return (null, $"connect failed ({e.SocketErrorCode})");
        }
        catch (OperationCanceledException)
        {
            socket.Dispose();
            return (null, TimedOut);
        }
    }

    public const string TimedOut = "timed out";
}
