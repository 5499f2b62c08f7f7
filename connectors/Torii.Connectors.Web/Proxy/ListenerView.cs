namespace Torii.Connectors.Web.Proxy;

internal sealed record ListenerView(string Protocol, string Address, bool Active);
