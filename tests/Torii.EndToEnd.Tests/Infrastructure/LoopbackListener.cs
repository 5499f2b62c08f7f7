using System.Net;
using System.Net.Sockets;

namespace Torii.EndToEnd.Tests.Infrastructure;

/// <summary>The listening socket of a test server: 127.0.0.1, a port of the system's choosing, each connection handed on until disposal.</summary>
public static class LoopbackListener
{
    /// <summary>Starts listening; dispose the returned socket to stop accepting.</summary>
    public static Socket Start(Action<Socket> accepted)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        _ = AcceptLoopAsync(listener, accepted);
        return listener;
    }

    private static async Task AcceptLoopAsync(Socket listener, Action<Socket> accepted)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync();
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
                return;
            }

            accepted(client);
        }
    }
}
