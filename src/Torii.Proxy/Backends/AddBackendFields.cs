namespace Torii.Proxy.Backends;

/// <summary>
/// Which optional fields the add_backend request that made a backend carried, so that the state can give the request
/// back as it came (state save, cluster queries and their hashes) from the backend alone instead of keeping the message:
/// the message, its address and the address's boxed IPv4 were 200 bytes a backend (bench/run.sh scenario s).
/// </summary>
[Flags]
public enum AddBackendFields : byte
{
    None = 0,
    StickyId = 1,
    LoadBalancingParameters = 2,
    Weight = 4,
    Backup = 8,
    MaxConnections = 16,

    /// <summary>A sticky id given empty: the backend's sticky id is then its id.</summary>
    EmptyStickyId = 32,
}
