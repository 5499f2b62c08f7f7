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
    /// Whether the pick depends on <c>key</c> (HRW, MAGLEV): only then does a caller compute one
    /// (see <see cref="BalancingKey"/>), so the other algorithms pay nothing for it.
    /// </summary>
    bool IsKeyed { get; }

    /// <summary>
    /// An available primary backend, else an available backup, else null.
    /// <paramref name="exclude"/> is skipped, so a failed connect can be retried elsewhere.
    /// <paramref name="key"/> places the pick when <see cref="IsKeyed"/>; the other algorithms ignore it.
    /// </summary>
    Backend? Pick(BackendSet set, long nowMs, Backend? exclude = null, ulong key = 0);
}
