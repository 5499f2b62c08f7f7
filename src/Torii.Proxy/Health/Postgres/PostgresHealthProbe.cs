using System.Net;
using System.Net.Sockets;

namespace Torii.Proxy.Health.Postgres;

/// <summary>
/// The PostgreSQL check: a real session on its own short connection (startup, authentication, <c>SELECT
/// pg_is_in_recovery()</c>, Terminate), then the role the cluster asks for. A backup backend only has to answer, so a
/// read cluster can keep the primary as its backup. Any failure becomes a reason; nothing escapes.
/// </summary>
public sealed class PostgresHealthProbe(PostgresCheckSettings settings) : IHealthProbe
{
    private const int BufferSize = 4096;

    public PostgresCheckSettings Settings { get; } = settings;

    public async ValueTask<HealthProbeResult> CheckAsync(IPEndPoint address, bool isBackup, CancellationToken cancellationToken)
    {
        Socket? socket = null;
        PostgresCheckConversation? conversation = null;
        try
        {
            socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };

            // The timeout closes the socket, so nothing waits on a server that accepted and went silent.
            await using CancellationTokenRegistration closeOnTimeout = cancellationToken.Register(static state => ((Socket)state!).Dispose(), socket);
            await socket.ConnectAsync(address, cancellationToken).ConfigureAwait(false);
            await using var network = new NetworkStream(socket, ownsSocket: false);
            await using var input = new BufferedStream(network, BufferSize);
            conversation = new PostgresCheckConversation(new PostgresWire(input, network), Settings);
            return await conversation.RunAsync(isBackup, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            return HealthProbeResult.Fail(Describe(exception, conversation?.Stage ?? "connect", cancellationToken.IsCancellationRequested));
        }
        finally
        {
            socket?.Dispose();
        }
    }

    private static string Describe(Exception exception, string stage, bool timedOut) => exception switch
    {
        _ when timedOut => $"timeout: no answer during {stage}",
        PostgresCheckException => exception.Message,
        EndOfStreamException => $"the server closed the connection during {stage}",
        SocketException socketError => $"{stage} failed: {Describe(socketError)}",
        IOException { InnerException: SocketException socketError } => $"{stage} failed: {Describe(socketError)}",
        _ => $"{stage} failed: {exception.Message}",
    };

    private static string Describe(SocketException exception) => exception.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.ConnectionReset => "connection reset by the server",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable => "unreachable",
        _ => exception.Message,
    };
}
