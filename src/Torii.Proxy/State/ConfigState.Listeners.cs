using System.Net;
using Google.Protobuf;
using Torii.Protocol;
using Torii.Proxy.Http;
using Torii.Proxy.Listeners;

namespace Torii.Proxy.State;

public sealed partial class ConfigState
{
    public string AddHttpListener(HttpListenerConfig config) => AddListener(config, HttpSettingsOf(config), config.Active);

    public string AddTcpListener(TcpListenerConfig config) => AddListener(config, TcpSettingsOf(config), config.Active);

    public string RemoveListener(RemoveListener request)
    {
        var address = EndPointOf(request.Address);
        var entry = RequireListener(address, request.Proxy);
        if (entry.Active)
        {
            listenerHost.Deactivate(address);
        }

        _listeners.Remove(address);
        return $"{entry.Protocol} listener {address} removed";
    }

    public string ActivateListener(ActivateListener request)
    {
        var address = EndPointOf(request.Address);
        var entry = RequireListener(address, request.Proxy);
        if (entry.Active)
        {
            return $"{entry.Protocol} listener {address} is already active";
        }

        listenerHost.Activate(entry.Settings);
        _listeners[address] = entry with { Active = true };
        return $"{entry.Protocol} listener {address} activated";
    }

    public string DeactivateListener(DeactivateListener request)
    {
        var address = EndPointOf(request.Address);
        var entry = RequireListener(address, request.Proxy);
        if (!entry.Active)
        {
            return $"{entry.Protocol} listener {address} is already inactive";
        }

        listenerHost.Deactivate(address);
        _listeners[address] = entry with { Active = false };
        return $"{entry.Protocol} listener {address} deactivated";
    }

    public ListenersList ListListeners()
    {
        var list = new ListenersList();
        foreach (var (address, entry) in _listeners)
        {
            var key = address.ToString();
            switch (entry.Config)
            {
                case HttpListenerConfig http:
                    list.HttpListeners[key] = http.Clone().WithActive(entry.Active);
                    break;
                case HttpsListenerConfig https:
                    list.HttpsListeners[key] = https.Clone().WithActive(entry.Active);
                    break;
                case TcpListenerConfig tcp:
                    list.TcpListeners[key] = tcp.Clone().WithActive(entry.Active);
                    break;
            }
        }

        return list;
    }

    private string AddListener(IMessage config, ListenerSettings settings, bool activate)
    {
        var address = settings.Address;
        if (_listeners.TryGetValue(address, out var existing))
        {
            throw new CommandException($"a {existing.Protocol} listener already exists at {address}");
        }

        listenerHost.EnsureAvailable(address);
        if (activate)
        {
            listenerHost.Activate(settings);
        }

        _listeners.Add(address, new ListenerEntry(config, settings, activate));
        return $"{settings.Protocol} listener {address} added{(activate ? " and activated" : string.Empty)}";
    }

    private ListenerEntry RequireListener(IPEndPoint address, ListenerType type)
    {
        var protocol = ProtocolOf(type);
        if (!_listeners.TryGetValue(address, out var entry) || entry.Protocol != protocol)
        {
            throw new CommandException($"no {protocol} listener at {address}");
        }

        return entry;
    }

    private ListenerEntry? FindListener(IPEndPoint address, ListenerProtocol protocol) =>
        _listeners.TryGetValue(address, out var entry) && entry.Protocol == protocol ? entry : null;

    private static ListenerProtocol ProtocolOf(ListenerType type) => type switch
    {
        ListenerType.Http => ListenerProtocol.Http,
        ListenerType.Https => ListenerProtocol.Https,
        ListenerType.Tcp => ListenerProtocol.Tcp,
        _ => throw new CommandException($"unsupported listener type {type}"),
    };

    private static DefaultAnswers BuildAnswers(CustomHttpAnswers? custom, IReadOnlyDictionary<string, string> byCode)
    {
        try
        {
            return DefaultAnswers.ForListener(custom, byCode);
        }
        catch (FormatException e)
        {
            throw new CommandException(e.Message);
        }
    }
}
