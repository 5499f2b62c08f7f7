namespace Torii.Pulsar;

/// <summary>A broker's host and port, from a <c>pulsar://host:port</c> URL.</summary>
internal sealed record BrokerAddress(string Host, int Port)
{
    public const int DefaultPort = 6650;

    private const string Scheme = "pulsar://";

    public string Url => $"{Scheme}{(Host.Contains(':') ? $"[{Host}]" : Host)}:{Port}";

    /// <summary>Parses a single-host URL, as lookups answer with.</summary>
    /// <exception cref="FormatException">Not a <c>pulsar://</c> URL with one host.</exception>
    public static BrokerAddress Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException(url.StartsWith("pulsar+ssl://", StringComparison.OrdinalIgnoreCase)
                ? $"'{url}': TLS (pulsar+ssl://) is not supported"
                : $"'{url}' is not a pulsar:// URL");
        }

        return ParseHostPort(url[Scheme.Length..].TrimEnd('/'), url);
    }

    /// <summary>Parses <c>host</c>, <c>host:port</c> or <c>[v6]:port</c>.</summary>
    public static BrokerAddress ParseHostPort(string hostPort, string url)
    {
        string host = hostPort;
        int port = DefaultPort;
        int colon = hostPort.LastIndexOf(':');
        bool bracketed = hostPort.StartsWith('[');
        if (colon >= 0 && (!bracketed || colon > hostPort.IndexOf(']', StringComparison.Ordinal)))
        {
            host = hostPort[..colon];
            if (!int.TryParse(hostPort[(colon + 1)..], out port) || port is < 1 or > 65535)
            {
                throw new FormatException($"'{url}' has a bad port");
            }
        }

        host = host.Trim('[', ']');
        if (host.Length == 0 || host.Contains('/'))
        {
            throw new FormatException($"'{url}' has no valid host");
        }

        return new BrokerAddress(host, port);
    }

    public override string ToString() => Url;
}
