namespace Torii.Proxy.Listeners;

public enum ListenerProtocol
{
    Http,
    Https,
    Tcp,
}
