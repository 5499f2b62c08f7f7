using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Torii.Proxy.Backends;
using Torii.Proxy.Connections;
using Torii.Proxy.Limits;
using Torii.Proxy.Listeners;
using Torii.Proxy.LoadBalancing;
using Torii.Proxy.Logging;
using Torii.Proxy.Metrics;
using Torii.Proxy.ProxyProtocol;
using Torii.Proxy.Queueing;
using Torii.Proxy.Runtime;
using Torii.Proxy.Sockets;

namespace Torii.Proxy.Tcp;

/// <summary>One TCP client: connect a backend of the listener's cluster, then splice bytes both ways.</summary>
/// <param name="origin">The client as a PROXY header named it (expect_proxy listeners); null: the socket's peer.</param>
public sealed class TcpSession(Socket client, ListenerSettings settings, SnapshotHolder snapshots, ProxyMetrics metrics, ClientOrigin? origin = null)
{
    private const int BufferSize = 16 * 1024;

    private readonly IPEndPoint _clientAddress = origin?.Client ?? (IPEndPoint)client.RemoteEndPoint!;

    /// <summary>Both sides once connected, for closing them when the idle timeout passes.</summary>
    private LoopSocket? _clientSide;
    private LoopSocket? _backendSide;

    /// <summary>Where the connection is recorded once it ends; null: not recorded.</summary>
    public AccessLog? AccessLog { get; init; }

    public async Task RunAsync()
    {
        var started = Stopwatch.GetTimestamp();
        var snapshot = snapshots.Current;
        if (!snapshot.TcpRoutes.TryGetValue(settings.Address, out var clusterId)
            || !snapshot.Clusters.TryGetValue(clusterId, out var cluster))
        {
            Log.Debug($"tcp {settings.Address}: no frontend, closing {_clientAddress}");
            CloseClient();
            return;
        }

        var limit = PerIpLimit.For(cluster, snapshot);
        var perIp = limit == 0 ? null : cluster.IpConnections.TryEnter(_clientAddress.Address, limit);
        if (limit != 0 && perIp is null)
        {
            RefusePerIp(cluster, limit);
            return;
        }

        try
        {
            await ConnectAndSpliceAsync(cluster, started).ConfigureAwait(false);
        }
        finally
        {
            perIp?.Leave();
        }
    }

    private async Task ConnectAndSpliceAsync(ClusterRuntime cluster, long started)
    {
        var key = cluster.Balancer.IsKeyed ? BalancingKey.Of(_clientAddress.Address) : 0;
        var connected = cluster.Backends.HasLimits
            ? await ConnectWithSlotAsync(cluster, key).ConfigureAwait(false)
            : await BackendConnector.ConnectAsync(cluster, preferred: null, settings.ConnectTimeout, metrics, CancellationToken.None, key).ConfigureAwait(false);
        if (connected is not { } pair)
        {
            CloseClient();
            return;
        }

        var (backend, backendSocket) = pair;
        var clientSocket = origin?.Transport ?? LoopSocket.Of(client, beside: backendSocket);
        var (clientStream, backendStream) = (new LoopStream(clientSocket), new LoopStream(backendSocket));
        backend.IncrementConnections();
        using var deadline = new ConnectionDeadline();
        deadline.Arm(settings.FrontTimeout, TimeoutKind.Front);
        try
        {
            if (cluster.SendProxyProtocol)
            {
                await SendProxyHeaderAsync(backendStream).ConfigureAwait(false);
            }

            if (origin is { Leftover.IsEmpty: false })
            {
                await backendStream.WriteAsync(origin.Leftover).ConfigureAwait(false);
            }

            // The idle timeout closes both sockets, which fails whatever the pumps await: the reads and
            // writes then carry no cancellation token, whose registration would cost a lock per operation.
            (_clientSide, _backendSide) = (clientSocket, backendSocket);
            using var closeOnTimeout = deadline.Token.UnsafeRegister(static state => ((TcpSession)state!).CloseBoth(), this);
            var upstream = PumpAsync(clientStream, backendStream, deadline, settings.FrontTimeout);
            var downstream = PumpAsync(backendStream, clientStream, deadline, settings.FrontTimeout);
            var (bytesIn, bytesOut) = (await upstream.ConfigureAwait(false), await downstream.ConfigureAwait(false));
            if (AccessLog is { } accessLog)
            {
                TcpAccessLog.Write(accessLog, _clientAddress, cluster.Id, backend, bytesIn, bytesOut, started);
            }

            if (metrics.Enabled)
            {
                metrics.Traffic.RecordBytes(bytesIn, bytesOut);
                cluster.Metrics.RecordBytes(bytesIn, bytesOut);
                backend.Metrics.RecordBytes(bytesIn, bytesOut);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException or OperationCanceledException)
        {
            Log.Debug($"tcp {settings.Address}: connection ended: {e.Message}");
        }
        finally
        {
            if (cluster.Backends.HasLimits)
            {
                cluster.Queue.Release(backend);
            }

            backend.DecrementConnections();
            clientSocket.Dispose();
            backendSocket.Dispose();
        }
    }

    /// <summary>
    /// For a cluster whose backends have a max_connections: a backend slot, held for the connection's
    /// lifetime, waiting in the cluster's queue while every backend is full; then the connect.
    /// </summary>
    private async Task<(Backend Backend, LoopSocket Socket)?> ConnectWithSlotAsync(ClusterRuntime cluster, ulong key)
    {
        var timeout = cluster.QueueTimeout(settings.ConnectTimeout);
        for (var attempt = 0; attempt < BackendConnector.MaxAttempts; attempt++)
        {
            if (!cluster.Queue.TryAcquireAtOnce(cluster, preferred: null, timeout, out var grant, key))
            {
                using var watch = new ClientDepartureWatch(client);
                grant = await cluster.Queue.WaitAsync(cluster, preferred: null, timeout, watch.Gone, key).ConfigureAwait(false);
            }

            if (grant.Backend is not { } backend)
            {
                LogRefusal(cluster, grant.Outcome);
                return null;
            }

            var socket = await BackendConnector.TryConnectAsync(backend, cluster, settings.ConnectTimeout, metrics, CancellationToken.None).ConfigureAwait(false);
            if (socket is not null)
            {
                backend.RecordSuccess();
                return (backend, socket);
            }

            cluster.Queue.Release(backend);
        }

        LogRefusal(cluster, SlotWaitOutcome.NoBackend);
        return null;
    }

    private void LogRefusal(ClusterRuntime cluster, SlotWaitOutcome outcome)
    {
        switch (outcome)
        {
            case SlotWaitOutcome.TimedOut:
                Log.Warn($"tcp {settings.Address}: no backend slot of cluster {cluster.Id} freed within queue_timeout, closing {_clientAddress}");
                break;
            case SlotWaitOutcome.Abandoned when Log.IsEnabled(LogLevel.Debug):
                Log.Debug($"tcp {settings.Address}: client {_clientAddress} left while waiting for a backend slot of cluster {cluster.Id}");
                break;
            case SlotWaitOutcome.Abandoned:
                break;
            default:
                Log.Warn($"tcp {settings.Address}: no backend of cluster {cluster.Id} could be reached, closing {_clientAddress}");
                break;
        }
    }

    /// <summary>A TCP client beyond its IP's max_connections_per_ip is closed with a FIN, before any backend is chosen.</summary>
    private void RefusePerIp(ClusterRuntime cluster, ulong limit)
    {
        if (metrics.Enabled)
        {
            metrics.RecordPerIpRejection();
        }

        if (Log.IsEnabled(LogLevel.Debug))
        {
            Log.Debug($"tcp {settings.Address}: {_clientAddress.Address} has {limit} connections open to cluster {cluster.Id} (max_connections_per_ip), closing");
        }

        ShutdownSend(client);
        CloseClient();
    }

    /// <summary>The client's addresses as the PROXY header received named them (relayed), else the socket's own.</summary>
    private async Task SendProxyHeaderAsync(LoopStream backend)
    {
        var header = new byte[ProxyProtocolV2.MaxLength];
        var length = ProxyProtocolV2.Write(header, _clientAddress, origin?.Destination ?? (IPEndPoint)client.LocalEndPoint!);
        await backend.WriteAsync(header.AsMemory(0, length)).ConfigureAwait(false);
    }

    /// <summary>Closes a client that is refused before its relay starts (through the loop socket its PROXY header was read on, if any).</summary>
    private void CloseClient()
    {
        if (origin?.Transport is { } transport)
        {
            transport.Dispose();
        }
        else
        {
            client.Dispose();
        }
    }

    private void CloseBoth()
    {
        _clientSide?.Dispose();
        _backendSide?.Dispose();
    }

    /// <summary>Copies one direction; the shared deadline closes both when neither moves a byte for the idle timeout.</summary>
    /// <returns>The bytes copied.</returns>
    private static async Task<long> PumpAsync(LoopStream from, LoopStream to, ConnectionDeadline deadline, TimeSpan idleTimeout)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        long copied = 0;
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer.AsMemory()).ConfigureAwait(false);
                if (read == 0)
                {
                    ShutdownSend(to.Socket);
                    return copied;
                }

                copied += read;
                deadline.Arm(idleTimeout, TimeoutKind.Front);
                await to.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            from.LoopSocket.Dispose();
            to.LoopSocket.Dispose();
            return copied;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void ShutdownSend(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The peer is already gone; the other pump will notice.
        }
    }
}
