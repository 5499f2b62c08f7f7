using System.Text.RegularExpressions;

namespace Torii.Connectors.Prometheus.Mapping;

/// <summary>The HELP text of each metric the proxy reports; a name not listed here still gets a generic one.</summary>
internal static partial class MetricHelp
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        ["http.requests"] = "HTTP requests handled",
        ["http.errors"] = "HTTP requests the proxy answered itself with an error",
        ["backend.connections.error"] = "Failed connection attempts to backends",
        ["bytes_in"] = "Bytes received from clients",
        ["bytes_out"] = "Bytes sent to clients",
        ["tls.handshake.failed"] = "TLS handshakes that failed",
        ["client.connections"] = "Client connections open now",
        ["backend.connections"] = "Backend connections open now",
        ["backend.connect.time"] = "Time to connect to a backend, in seconds",
        ["backend.response.time"] = "Time from sending a request to a backend to its response, in seconds",
        ["request.time"] = "Time from a request's first byte to the end of its response, in seconds",
        ["queue.waiting"] = "Requests and connections waiting for a backend slot of the cluster now",
        ["queue.wait.time"] = "Time requests and connections waited for a backend slot, in seconds",
        ["queue.timeout"] = "Requests and connections refused because no backend slot freed within queue_timeout",
        ["accept_queue.connections"] = "Client connections waiting in the accept queue now",
        ["accept_queue.timeout"] = "Client connections closed after waiting accept_queue_timeout in the accept queue",
        ["backend.up"] = "1 while the backend's health check sees it up, 0 while down",
        ["health_check.success"] = "Health checks of the backend that passed",
        ["health_check.failure"] = "Health checks of the backend that failed",
        ["health_check.up"] = "Times the backend's health check brought it back up",
        ["health_check.down"] = "Times the backend was taken down (failed checks or a refused connect)",
        ["health_check.time"] = "Time a health check took, in seconds",
    };

    public static string For(string dottedName)
    {
        if (Known.TryGetValue(dottedName, out string? help))
        {
            return help;
        }

        if (StatusClass().Match(dottedName) is { Success: true } status)
        {
            return $"HTTP responses with a {status.Groups[1].Value}xx status";
        }

        if (DefaultAnswer().Match(dottedName) is { Success: true } answer)
        {
            return $"Requests the proxy answered itself with {answer.Groups[1].Value}";
        }

        return $"Torii metric {dottedName}";
    }

    [GeneratedRegex(@"^http\.status\.([1-5])xx$")]
    private static partial Regex StatusClass();

    [GeneratedRegex(@"^http\.([1-5][0-9][0-9])\.errors$")]
    private static partial Regex DefaultAnswer();
}
