using System.Net.Sockets;
using Torii.Proxy.Connections;

namespace Torii.Proxy.Sockets;

/// <summary>
/// The byte stream of a <see cref="LoopSocket"/>. A read calls recv(2) at once unless the last one came
/// back short (the kernel had no more), in which case it first waits for the loop's next edge: the
/// EAGAIN a plain non-blocking read would meet there costs a system call per message. A zero-byte read
/// only waits, so an idle connection holds no buffer and costs no call.
/// </summary>
/// <param name="socket">The socket, owned by the stream.</param>
/// <param name="readAtOnce">
/// Whether the first read goes to the kernel at once: a client's request usually arrives with its connect.
/// A backend says nothing before it is asked, so its first read waits for the edge (no EAGAIN, and a
/// zero-byte read holds no buffer until the answer is there).
/// </param>
public sealed class LoopStream(LoopSocket socket, bool readAtOnce = true) : Stream
{
    private bool _mayHaveData = readAtOnce;

    public LoopSocket LoopSocket => socket;

    public Socket Socket => socket.Socket;

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Whether the idle connection has neither received bytes nor been closed by its peer (one poll(2)).</summary>
    public bool LooksIdle()
    {
        // The kernel is asked every time: the loop may not yet have seen the edge of bytes that arrived a
        // moment ago (its thread may be the caller), and reusing the connection then would hand those bytes
        // to the next client as its answer.
        try
        {
            socket.Readable.Clear();
            if (socket.Socket.Poll(0, SelectMode.SelectRead))
            {
                _mayHaveData = true;
                return false;
            }

            _mayHaveData = false;
            return true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>
    /// Completes (with 0) once a read may find bytes or the end of the stream: at once when the last read
    /// left some, otherwise at the socket's next edge. The wait is the socket's own: it holds no buffer
    /// and allocates nothing, which is what a connection waiting for its next request costs.
    /// </summary>
    public ValueTask<int> WaitForBytesAsync(CancellationToken cancellationToken) => WaitForBytesAsync(cancellationToken, parkedUnder: null);

    /// <summary>
    /// As <see cref="WaitForBytesAsync(CancellationToken)"/> for a connection between two requests, whose deadline
    /// fails the wait itself: the wait holds no token, and the connection then needs no cancellation source.
    /// </summary>
    public ValueTask<int> ParkAsync(ConnectionDeadline deadline) => WaitForBytesAsync(CancellationToken.None, deadline);

    private ValueTask<int> WaitForBytesAsync(CancellationToken cancellationToken, ConnectionDeadline? parkedUnder)
    {
        if (_mayHaveData || socket.PeerClosed)
        {
            return ValueTask.FromResult(0);
        }

        // The read that follows the edge goes to the kernel at once; noted now, as nothing runs after the wait.
        _mayHaveData = true;
        var wait = socket.WaitReadableZeroAsync(cancellationToken);
        if (parkedUnder is not null && !wait.IsCompleted)
        {
            // After the wait began: an expiry just before it is seen by Park.
            parkedUnder.Park(socket.Readable);
        }

        return wait;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return WaitForBytesAsync(cancellationToken);
        }

        if (_mayHaveData || socket.PeerClosed)
        {
            socket.Readable.Clear();
            var received = socket.Receive(buffer.Span, out var error);
            if (error == SocketError.Success)
            {
                return ValueTask.FromResult(Took(received, buffer.Length));
            }

            if (error != SocketError.WouldBlock)
            {
                return ValueTask.FromException<int>(Failure(error));
            }

            _mayHaveData = false;
        }

        return ReadAfterWaitAsync(buffer, cancellationToken);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int sent;
        try
        {
            sent = SendWhatFits(buffer.Span);
        }
        catch (IOException e)
        {
            return ValueTask.FromException(e);
        }

        return sent == buffer.Length ? ValueTask.CompletedTask : WriteAfterWaitAsync(buffer[sent..], cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <summary>A blocking read waits in poll(2) on this socket alone, never on the loop, whose thread may be the caller's.</summary>
    public override int Read(Span<byte> buffer)
    {
        while (true)
        {
            var received = socket.Receive(buffer, out var error);
            if (error == SocketError.Success)
            {
                return received;
            }

            if (error != SocketError.WouldBlock)
            {
                throw Failure(error);
            }

            socket.Socket.Poll(-1, SelectMode.SelectRead);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (true)
        {
            buffer = buffer[SendWhatFits(buffer)..];
            if (buffer.IsEmpty)
            {
                return;
            }

            socket.Socket.Poll(-1, SelectMode.SelectWrite);
        }
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            socket.Dispose();
        }

        base.Dispose(disposing);
    }

    private async ValueTask<int> ReadAfterWaitAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        // After the peer's end no edge may come: read on. A kernel that still says EAGAIN then is waited
        // on rather than spun on.
        var wait = !socket.PeerClosed;
        while (true)
        {
            if (wait)
            {
                await socket.WaitReadableAsync(cancellationToken).ConfigureAwait(false);
            }

            var received = socket.Receive(buffer.Span, out var error);
            if (error == SocketError.Success)
            {
                return Took(received, buffer.Length);
            }

            if (error != SocketError.WouldBlock)
            {
                throw Failure(error);
            }

            wait = true;
        }
    }

    private async ValueTask WriteAfterWaitAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        while (!buffer.IsEmpty)
        {
            await socket.WaitWritableAsync(cancellationToken).ConfigureAwait(false);
            socket.Writable.Clear();
            buffer = buffer[SendWhatFits(buffer.Span)..];
        }
    }

    /// <summary>Sends until the bytes are gone or the kernel's buffer is full (EAGAIN); returns how many went.</summary>
    private int SendWhatFits(ReadOnlySpan<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var sent = socket.Send(buffer[total..], out var error);
            if (error == SocketError.WouldBlock)
            {
                break;
            }

            if (error != SocketError.Success)
            {
                throw Failure(error);
            }

            total += sent;
        }

        return total;
    }

    /// <summary>
    /// Notes whether the kernel may hold more after a read of <paramref name="received"/> bytes into room for
    /// <paramref name="room"/>: a full read may have left some, and the end of the stream stays readable (a
    /// second read returns 0 at once, as it would from the kernel).
    /// </summary>
    private int Took(int received, int room)
    {
        _mayHaveData = received == room || received == 0;
        return received;
    }

    private static IOException Failure(SocketError error) =>
        new($"Unable to transfer data on the transport connection: {error}.", new SocketException((int)error));
}
