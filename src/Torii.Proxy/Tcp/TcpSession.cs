using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Torii.Proxy.Backends;
using Torii.Proxy.Connections;
using Torii.Proxy.Listeners;
using Torii.Proxy.Logging;
using Torii.Proxy.Metrics;
using Torii.Proxy.Runtime;

namespace Torii.Proxy.Tcp;

/// <summary>One TCP client: connect a backend of the listener's cluster, then splice bytes both ways.</summary>
public sealed class TcpSession(Socket client, ListenerSettings settings, SnapshotHolder snapshots, ProxyMetrics metrics)
{
    private const int BufferSize = 16 * 1024;

    public async Task RunAsync()
    {
        var snapshot = snapshots.Current;
        if (!snapshot.TcpRoutes.TryGetValue(settings.Address, out var clusterId)
            || !snapshot.Clusters.TryGetValue(clusterId, out var cluster))
        {
            Log.Debug($"tcp {settings.Address}: no frontend, closing {client.RemoteEndPoint}");
            client.Dispose();
            return;
        }

        var connected = await BackendConnector.ConnectAsync(cluster, preferred: null, settings.ConnectTimeout, metrics, CancellationToken.None).ConfigureAwait(false);
        if (connected is not { } pair)
        {
            Log.Warn($"tcp {settings.Address}: no backend of cluster {clusterId} could be reached, closing {client.RemoteEndPoint}");
            client.Dispose();
            return;
        }

        var (backend, backendSocket) = pair;
        backend.IncrementConnections();
        using var deadline = new ConnectionDeadline();
        deadline.Arm(settings.FrontTimeout, TimeoutKind.Front);
        try
        {
            if (cluster.SendProxyProtocol)
            {
                await SendProxyHeaderAsync(backendSocket).ConfigureAwait(false);
            }

            var upstream = PumpAsync(client, backendSocket, deadline, settings.FrontTimeout);
            var downstream = PumpAsync(backendSocket, client, deadline, settings.FrontTimeout);
            var (bytesIn, bytesOut) = (await upstream.ConfigureAwait(false), await downstream.ConfigureAwait(false));
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
            backend.DecrementConnections();
            client.Dispose();
            backendSocket.Dispose();
        }
    }

    private async Task SendProxyHeaderAsync(Socket backendSocket)
    {
        var header = new byte[ProxyProtocolV2.MaxLength];
        var length = ProxyProtocolV2.Write(header, (IPEndPoint)client.RemoteEndPoint!, (IPEndPoint)client.LocalEndPoint!);
        await backendSocket.SendAsync(header.AsMemory(0, length), SocketFlags.None).ConfigureAwait(false);
    }

    /// <summary>Copies one direction; the shared deadline closes both when neither moves a byte for the idle timeout.</summary>
    /// <returns>The bytes copied.</returns>
    private static async Task<long> PumpAsync(Socket from, Socket to, ConnectionDeadline deadline, TimeSpan idleTimeout)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        long copied = 0;
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, deadline.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    ShutdownSend(to);
                    return copied;
                }

                copied += read;
                deadline.Arm(idleTimeout, TimeoutKind.Front);
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Abort(from, to);
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

    private static void Abort(Socket first, Socket second)
    {
        first.Dispose();
        second.Dispose();
    }
}
