using System.Net;
using System.Net.Sockets;
using Torii.Proxy.State;

namespace Torii.Proxy.Listeners;

/// <summary>
/// The sockets of the active listeners. Called by the state under its single-writer lock.
/// After an upgrade, the sockets the old process handed over are used instead of binding again:
/// the port never stops accepting.
/// </summary>
public sealed class ListenerManager(
    Func<Socket, ListenerSettings, Task> runSession,
    Connections.ConnectionTracker connections,
    IReadOnlyDictionary<IPEndPoint, Socket>? inherited = null) : IListenerHost
{
    private const int Backlog = 1024;
    private readonly Dictionary<IPEndPoint, ActiveListener> _active = [];
    private readonly Dictionary<IPEndPoint, Socket> _inherited = inherited is null ? [] : new(inherited);
    private readonly Lock _lock = new();
    private bool _stopped;

    public void EnsureAvailable(IPEndPoint address)
    {
        lock (_lock)
        {
            if (_inherited.ContainsKey(address))
            {
                return;
            }
        }

        // Bound but never listening: a client connecting now is refused, not queued and then reset.
        using var probe = Bind(address, listen: false);
    }

    public void Activate(ListenerSettings settings)
    {
        lock (_lock)
        {
            if (_stopped)
            {
                throw new CommandException("the proxy is stopping: no listener can be activated");
            }

            var socket = _inherited.Remove(settings.Address, out var handed) ? handed : Bind(settings.Address, listen: true);
            var listener = new ActiveListener(socket, settings, connections, runSession);
            _active.Add(settings.Address, listener);
            listener.Start();
        }
    }

    public void Deactivate(IPEndPoint address)
    {
        lock (_lock)
        {
            if (_active.Remove(address, out var listener))
            {
                _ = listener.StopAsync();
            }
        }
    }

    public void Update(ListenerSettings settings)
    {
        lock (_lock)
        {
            if (_active.TryGetValue(settings.Address, out var listener))
            {
                listener.Settings = settings;
            }
        }
    }

    /// <summary>The listening sockets of the active listeners, to hand to a new process.</summary>
    public List<KeyValuePair<IPEndPoint, Socket>> ListeningSockets()
    {
        lock (_lock)
        {
            return [.. _active.Select(pair => KeyValuePair.Create(pair.Key, pair.Value.Socket))];
        }
    }

    /// <summary>Closes the handed-over sockets no listener of the state took (this process's descriptors only).</summary>
    public void ReleaseUnusedInherited()
    {
        lock (_lock)
        {
            foreach (var socket in _inherited.Values)
            {
                socket.Dispose();
            }

            _inherited.Clear();
        }
    }

    /// <summary>Stops every accept loop for good (soft stop); open connections are left to finish.</summary>
    public async Task StopAcceptingAsync()
    {
        List<ActiveListener> listeners;
        lock (_lock)
        {
            _stopped = true;
            listeners = [.. _active.Values];
            _active.Clear();
        }

        await Task.WhenAll(listeners.Select(listener => listener.StopAsync())).ConfigureAwait(false);
    }

    private static Socket Bind(IPEndPoint address, bool listen)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (address.AddressFamily == AddressFamily.InterNetworkV6)
            {
                socket.DualMode = address.Address.Equals(IPAddress.IPv6Any);
            }

            socket.Bind(address);
            if (listen)
            {
                socket.Listen(Backlog);
            }

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
