using Torii.Proxy.Limits;
using Torii.Proxy.Logging;
using Torii.Proxy.Runtime;

namespace Torii.Proxy.Http;

/// <summary>
/// max_connections_per_ip: a client connection counts against the cluster its requests are routed to,
/// from the first such request until it closes (or routes to another cluster); beyond the limit the
/// request is answered 429 and the connection closes.
/// </summary>
public sealed partial class HttpSession
{
    private IpConnectionCount? _perIpCount;
    private PerIpConnections? _perIpTable;

    /// <returns>False when the client's IP already has the cluster's limit of connections open.</returns>
    private bool TryCountPerIp(ClusterRuntime cluster, RoutingSnapshot snapshot)
    {
        if (_perIpCount is not null && ReferenceEquals(_perIpTable, cluster.IpConnections))
        {
            return true;
        }

        LeavePerIpCount();
        var limit = PerIpLimit.For(cluster, snapshot);
        if (limit == 0)
        {
            return true;
        }

        _perIpCount = cluster.IpConnections.TryEnter(_clientAddress.Address, limit);
        _perIpTable = cluster.IpConnections;
        if (_perIpCount is null && Log.IsEnabled(LogLevel.Debug))
        {
            Log.Debug($"http {_settings.Address}: {_clientAddress.Address} has {limit} connections open to cluster {cluster.Id} (max_connections_per_ip), answering 429");
        }

        return _perIpCount is not null;
    }

    private void LeavePerIpCount()
    {
        _perIpCount?.Leave();
        _perIpCount = null;
        _perIpTable = null;
    }

    private async ValueTask<bool> RefuseTooManyAsync(ClusterRuntime cluster)
    {
        if (_context.Metrics.Enabled)
        {
            _context.Metrics.RecordPerIpRejection();
        }

        var answer = AnswerFor(429, cluster);
        var retryAfter = PerIpLimit.RetryAfterFor(cluster, _context.RetryAfterSeconds);
        var retryAfterLine = retryAfter == 0 || answer.Declares("Retry-After")
            ? null
            : System.Text.Encoding.ASCII.GetBytes($"Retry-After: {retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture)}\r\n");
        await WriteAnswerAsync(answer, _deadline.Token, retryAfterLine).ConfigureAwait(false);
        return false;
    }
}
