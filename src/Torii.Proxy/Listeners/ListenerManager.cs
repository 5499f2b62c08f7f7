using System.Net;
using System.Net.Sockets;
using Torii.Proxy.State;

namespace Torii.Proxy.Listeners;

/// <summary>The sockets of the active listeners. Called by the state under its single-writer lock.</summary>
public sealed class ListenerManager(Func<Socket, ListenerSettings, Task> runSession, Connections.ConnectionTracker connections) : IListenerHost
{
    private const int Backlog = 1024;
    private readonly Dictionary<IPEndPoint, ActiveListener> _active = [];

    public void EnsureAvailable(IPEndPoint address)
    {
        using var probe = Bind(address);
    }

    public void Activate(ListenerSettings settings)
    {
        var socket = Bind(settings.Address);
        var listener = new ActiveListener(socket, settings, connections, runSession);
        _active.Add(settings.Address, listener);
        listener.Start();
    }

    public void Deactivate(IPEndPoint address)
    {
        if (_active.Remove(address, out var listener))
        {
            _ = listener.StopAsync();
        }
    }

    /// <summary>Stops every accept loop (soft stop); open connections are left to finish.</summary>
    public async Task StopAcceptingAsync()
    {
        var listeners = _active.Values.ToList();
        _active.Clear();
        await Task.WhenAll(listeners.Select(listener => listener.StopAsync())).ConfigureAwait(false);
    }

    private static Socket Bind(IPEndPoint address)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (address.AddressFamily == AddressFamily.InterNetworkV6)
            {
                socket.DualMode = address.Address.Equals(IPAddress.IPv6Any);
            }

            socket.Bind(address);
            socket.Listen(Backlog);
            return socket;
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new CommandException(e.SocketErrorCode switch
            {
                SocketError.AddressAlreadyInUse => $"cannot listen on {address}: address already in use",
                SocketError.AddressNotAvailable => $"cannot listen on {address}: no such address on this machine",
                SocketError.AccessDenied => $"cannot listen on {address}: permission denied",
                _ => $"cannot listen on {address}: {e.Message}",
            });
        }
    }
}
