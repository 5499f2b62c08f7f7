using System.Net;
using System.Net.Sockets;

namespace Torii.Proxy.Sockets;

/// <summary>
/// A non-blocking socket run by one of Torii's <see cref="SocketLoop"/>s instead of .NET's socket engine:
/// operations call the socket directly and wait on the loop's edges only when the kernel says EAGAIN.
/// The socket joins the loop at its first wait: a client whose one request is read, answered and closed
/// without waiting costs the loop nothing (no epoll_ctl, no wake-up for its first edge). Owns the socket.
/// </summary>
public sealed class LoopSocket : IDisposable
{
    private const int Unregistered = 0;
    private const int Registering = 1;
    private const int Registered = 2;
    private const int Disposed = 3;

    private readonly SocketLoop _loop;
    private readonly int _descriptor;
    private int _state;
    private bool _peerClosed;

    // Most client connections never fill their send buffer, so their write direction is made the first
    // time a send meets EAGAIN; a connecting socket needs it from the start.
    private Readiness? _writable;

    private LoopSocket(Socket socket, SocketLoop loop, bool connecting = false)
    {
        _writable = connecting ? new Readiness() : null;
        Socket = socket;
        if (socket.Blocking)
        {
            // Not through Socket.Blocking, which makes .NET build its engine's context for the socket.
            SocketCalls.SetNonBlocking(socket.SafeHandle);
        }

        _descriptor = (int)socket.SafeHandle.DangerousGetHandle();
        _loop = loop;
    }

    /// <summary>Whether the calling thread is this socket's loop: work for both stays on one thread.</summary>
    public bool IsOnCurrentLoop => SocketLoop.Current == _loop;

    public Socket Socket { get; }

    internal Readiness Readable { get; } = new();

    /// <summary>
    /// The write direction, made on first use. Made ready: an edge the loop saw before it existed was
    /// not kept, so its first wait completes at once and the caller tries its send again.
    /// </summary>
    internal Readiness Writable => Volatile.Read(ref _writable) ?? MakeWritable();

    /// <summary>The write direction if an operation has used it: the loop's edges have no one else to wake.</summary>
    internal Readiness? WritableIfMade => Volatile.Read(ref _writable);

    /// <summary>
    /// The peer closed its side, or the connection failed: reads no longer wait for an edge. The end may
    /// come in the same edge as the last bytes, and a read that takes those bytes leaves no edge behind.
    /// </summary>
    internal bool PeerClosed => Volatile.Read(ref _peerClosed);

    internal int Slot { get; set; }

    internal uint Generation { get; set; }

    /// <summary>Takes over a connected socket (an accepted client).</summary>
    /// <param name="beside">A socket whose loop this one should share (the backend of a TCP relay), so one thread runs both.</param>
    public static LoopSocket Of(Socket socket, LoopSocket? beside = null) => new(socket, beside?._loop ?? SocketLoops.Next());

    /// <summary>Takes over a connected socket on the given loop.</summary>
    internal static LoopSocket On(Socket socket, SocketLoop loop) => new(socket, loop);

    /// <summary>Opens a TCP connection: a non-blocking connect that the loop reports done.</summary>
    /// <exception cref="SocketException">The connect failed.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled first.</exception>
    public static async ValueTask<LoopSocket> ConnectAsync(IPEndPoint address, CancellationToken cancellationToken)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, Blocking = false };
        var pending = false;
        try
        {
            socket.Connect(address);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
        {
            pending = true;
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        // Taken over once the connect is under way: before it, an unconnected socket already reports
        // writable, and the wait below would see that edge. Opened from a loop's thread (a client's
        // request), it stays on that loop with the client.
        var connection = new LoopSocket(socket, SocketLoop.Current ?? SocketLoops.Next(), connecting: true);
        if (!pending)
        {
            return connection;
        }

        try
        {
            await connection.WaitWritableAsync(cancellationToken).ConfigureAwait(false);
            var error = (int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
            if (error != 0)
            {
                throw new SocketException(error);
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Whether the socket has joined its loop (at its first wait).</summary>
    public bool IsWatched => Volatile.Read(ref _state) == Registered;

    /// <summary>Waits for the next read edge, joining the loop first if the socket has not yet.</summary>
    internal ValueTask WaitReadableAsync(CancellationToken cancellationToken)
    {
        EnsureRegistered();
        return Readable.WaitAsync(cancellationToken);
    }

    /// <summary>As <see cref="WaitReadableAsync"/>, completing with 0: the result of a zero-byte read.</summary>
    internal ValueTask<int> WaitReadableZeroAsync(CancellationToken cancellationToken)
    {
        EnsureRegistered();
        return Readable.WaitZeroAsync(cancellationToken);
    }

    /// <summary>Waits for the next write edge, joining the loop first if the socket has not yet.</summary>
    internal ValueTask WaitWritableAsync(CancellationToken cancellationToken)
    {
        EnsureRegistered();
        return Writable.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Joins the loop. Adding to epoll reports the socket's current state as an edge, so nothing that
    /// arrived before is missed. A Dispose racing with it leaves the slot to be freed here.
    /// </summary>
    private void EnsureRegistered()
    {
        if (Volatile.Read(ref _state) != Unregistered || Interlocked.CompareExchange(ref _state, Registering, Unregistered) != Unregistered)
        {
            return;
        }

        _loop.Register(this, _descriptor);
        if (Interlocked.CompareExchange(ref _state, Registered, Registering) != Registering)
        {
            _loop.Unregister(this);
        }
    }

    /// <summary>recv(2) on the socket: the byte count (0 at the end of the stream), or -1 and why.</summary>
    internal int Receive(Span<byte> buffer, out SocketError error) => SocketCalls.Receive(Socket.SafeHandle, buffer, out error);

    /// <summary>send(2) on the socket: how many bytes the kernel took, or -1 and why.</summary>
    internal int Send(ReadOnlySpan<byte> buffer, out SocketError error) => SocketCalls.Send(Socket.SafeHandle, buffer, out error);

    internal void MarkPeerClosed() => Volatile.Write(ref _peerClosed, true);

    public void Dispose()
    {
        var previous = Interlocked.Exchange(ref _state, Disposed);
        if (previous == Disposed)
        {
            return;
        }

        if (previous == Registered)
        {
            _loop.Unregister(this);
        }

        Readable.Close();
        Volatile.Read(ref _writable)?.Close();
        Socket.Dispose();
    }

    /// <summary>A Dispose racing with this closes the new direction itself or is seen here (both fence).</summary>
    private Readiness MakeWritable()
    {
        var made = new Readiness(ready: true);
        var writable = Interlocked.CompareExchange(ref _writable, made, null) ?? made;
        if (Volatile.Read(ref _state) == Disposed)
        {
            writable.Close();
        }

        return writable;
    }
}
