using System.Net;
using System.Net.Sockets;

namespace Torii.EndToEnd.Tests.Infrastructure;

/// <summary>A client connection that starts with bytes of the test's choosing, as a load balancer's connection starts with its PROXY header.</summary>
public static class ProxiedClient
{
    public static async Task<Socket> ConnectAsync(int port, byte[] firstBytes)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        if (firstBytes.Length > 0)
        {
            await socket.SendAsync(firstBytes);
        }

        return socket;
    }

    /// <summary>An HTTP connection whose first bytes were <paramref name="header"/>.</summary>
    public static async Task<RawHttpConnection> HttpAsync(int port, byte[] header) =>
        RawHttpConnection.Over(new NetworkStream(await ConnectAsync(port, header), ownsSocket: true));

    /// <summary>True when the proxy closed the connection without sending a byte, within the timeout.</summary>
    public static async Task<bool> ClosedUnansweredAsync(Socket socket, TimeSpan timeout)
    {
        using var patience = new CancellationTokenSource(timeout);
        var buffer = new byte[256];
        try
        {
            return await socket.ReceiveAsync(buffer, SocketFlags.None, patience.Token) == 0;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
