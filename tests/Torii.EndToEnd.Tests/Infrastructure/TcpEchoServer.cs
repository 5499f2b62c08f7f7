using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Torii.EndToEnd.Tests.Infrastructure;

/// <summary>A TCP backend that answers every read with its name and the bytes it got.</summary>
public sealed class TcpEchoServer : IDisposable
{
    private readonly Socket _listener;
    private readonly string _name;

    public TcpEchoServer(string name)
    {
        _name = name;
        _listener = LoopbackListener.Start(client => _ = EchoAsync(client));
    }

    public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

    public void Dispose() => _listener.Dispose();

    private async Task EchoAsync(Socket client)
    {
        using (client)
        {
            var buffer = new byte[4096];
            try
            {
                while (await client.ReceiveAsync(buffer) is var read and > 0)
                {
                    await client.SendAsync(Encoding.ASCII.GetBytes($"{_name}:{Encoding.ASCII.GetString(buffer, 0, read)}"));
                }

                client.Shutdown(SocketShutdown.Send);
            }
            catch (SocketException)
            {
                // The proxy closed first.
            }
        }
    }
}
