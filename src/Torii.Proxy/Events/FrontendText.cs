using System.Text;
using Torii.Protocol;

namespace Torii.Proxy.Events;

/// <summary>A frontend on one line, as an event's detail shows it: "https 127.0.0.1:8443 example.com/api (prefix) GET -> cluster".</summary>
public static class FrontendText
{
    public static string Of(string protocol, RequestHttpFrontend frontend)
    {
        var text = new StringBuilder(protocol).Append(' ').Append(SocketAddresses.Format(frontend.Address)).Append(' ').Append(frontend.Hostname);
        if (frontend.Path is { } path)
        {
            text.Append(path.Value).Append(" (").Append(path.Kind.ToString().ToLowerInvariant()).Append(')');
        }

        if (frontend.HasMethod)
        {
            text.Append(' ').Append(frontend.Method);
        }

        return text.Append(" -> ").Append(frontend.HasClusterId ? frontend.ClusterId : "(deny)").ToString();
    }

    public static string Of(RequestTcpFrontend frontend) =>
        $"tcp {SocketAddresses.Format(frontend.Address)} -> {frontend.ClusterId}";
}
