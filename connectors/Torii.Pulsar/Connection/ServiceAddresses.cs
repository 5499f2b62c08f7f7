namespace Torii.Pulsar;

/// <summary>The hosts of a service URL (<c>pulsar://a:6650,b:6650</c>), handed out in turn.</summary>
internal sealed class ServiceAddresses
{
    private readonly BrokerAddress[] _addresses;
    private int _next = -1;

    private ServiceAddresses(BrokerAddress[] addresses) => _addresses = addresses;

    public IReadOnlyList<BrokerAddress> All => _addresses;

    /// <exception cref="FormatException">Not a <c>pulsar://</c> URL with at least one host.</exception>
    public static ServiceAddresses Parse(string serviceUrl)
    {
        ArgumentNullException.ThrowIfNull(serviceUrl);
        const string scheme = "pulsar://";
        if (!serviceUrl.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            // Reuse the single-URL parser for its error message (TLS or not a pulsar URL).
            _ = BrokerAddress.Parse(serviceUrl);
        }

        string hosts = serviceUrl[scheme.Length..].TrimEnd('/');
        BrokerAddress[] addresses = hosts
            .Split(',', StringSplitOptions.TrimEntries)
            .Select(hostPort => BrokerAddress.ParseHostPort(hostPort, serviceUrl))
            .ToArray();
        return new ServiceAddresses(addresses);
    }

    /// <summary>The next host, round robin, so that retries spread over the hosts.</summary>
    public BrokerAddress Next() => _addresses[(int)((uint)Interlocked.Increment(ref _next) % (uint)_addresses.Length)];
}
