using Torii.Protocol;
using Torii.Proxy.Backends;

namespace Torii.Proxy.LoadBalancing;

/// <summary>
/// Chooses a backend for a new request or connection. Implementations are shared by
/// all threads: <see cref="Pick"/> is lock-free and does not allocate.
/// </summary>
public interface ILoadBalancer
{
    LoadBalancingAlgorithms Algorithm { get; }

    /// <summary>
    /// An available primary backend, else an available backup, else null.
    /// <paramref name="exclude"/> is skipped, so a failed connect can be retried elsewhere.
    /// </summary>
    Backend? Pick(BackendSet set, long nowMs, Backend? exclude = null);
}
