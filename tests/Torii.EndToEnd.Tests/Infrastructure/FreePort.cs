using System.Net;
using System.Net.Sockets;

namespace Torii.EndToEnd.Tests.Infrastructure;

public static class FreePort
{
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>A loopback port nobody listens on right now and that no test of this run was given before.</summary>
    /// <remarks>
    /// The kernel may give the same ephemeral port to two binds in a row once the first socket is closed, and the
    /// port is only taken when the test's server binds it later; remembering what was handed out keeps two callers
    /// (two listeners of one test, or two tests running in parallel) from being given one port.
    /// </remarks>
    public static int Next()
    {
        while (true)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)socket.LocalEndPoint!).Port;
            lock (HandedOut)
            {
                if (HandedOut.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
