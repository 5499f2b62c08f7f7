using Torii.Protocol;

namespace Torii.Config.Loading;

/// <summary>Reads one backend of a cluster into an add_backend request.</summary>
internal static class BackendReader
{
    private const int DefaultWeight = 100;

    // Sōzu keeps weights in a byte; the same range keeps configs portable between the two.
    private const int MaxWeight = 255;

    /// <summary>The protocol's bound: far above what one backend serves at once.</summary>
    private const int MaxConnections = 1_000_000;

    public static AddBackend Read(string clusterId, int index, ConfigSection section)
    {
        section.CheckKeys(["address", "backend_id", "weight", "sticky_id", "backup", "max_connections"]);
        var backend = new AddBackend
        {
            ClusterId = clusterId,
            BackendId = section.NonEmptyString("backend_id") ?? $"{clusterId}-{index}",
            Address = SocketAddressText.ToProto(AddressReader.Required(section, "address")),
            LoadBalancingParameters = new LoadBalancingParams
            {
                Weight = section.Int32("weight", 0, MaxWeight) ?? DefaultWeight,
            },
        };
        if (section.NonEmptyString("sticky_id") is { } stickyId)
        {
            backend.StickyId = stickyId;
        }

        if (section.Int32("max_connections", 0, MaxConnections) is { } maxConnections)
        {
            backend.MaxConnections = (uint)maxConnections;
        }

        if (section.Bool("backup") is { } backup)
        {
            backend.Backup = backup;
        }

        return backend;
    }
}
