using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Torii.EndToEnd.Tests.Infrastructure;

/// <summary>A TCP backend that answers every read with its name and the bytes it got.</summary>
public sealed class TcpEchoServer : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly string _name;

    public TcpEchoServer(string name)
    {
        _name = name;
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen();
        _ = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

    public void Dispose() => _listener.Dispose();

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync();
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = EchoAsync(client);
        }
    }

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
