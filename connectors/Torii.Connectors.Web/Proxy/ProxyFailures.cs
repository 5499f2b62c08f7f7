using Torii.Client;

namespace Torii.Connectors.Web.Proxy;

internal static class ProxyFailures
{
    /// <summary>The proxy is away, slow, refused the request, or answered something unreadable: shown, never fatal.</summary>
    public static bool IsProxyFailure(Exception exception) =>
        exception is ProxyUnavailableException or TimeoutException or CommandFailedException or Torii.Protocol.ProtocolException;
}
