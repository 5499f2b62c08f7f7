using System.Net;
using System.Net.Sockets;

namespace Torii.EndToEnd.Tests.Infrastructure;

/// <summary>An HttpClient handler whose every connection goes to 127.0.0.1, whatever host name the URL carries (routing needs the name).</summary>
public static class LoopbackHttpHandler
{
    public static SocketsHttpHandler Create() => new() { ConnectCallback = ConnectAsync };

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellationToken);
        return new NetworkStream(socket, ownsSocket: true);
    }
}
