using System.Buffers;
using Torii.Proxy.Sockets;

namespace Torii.Proxy.Http2;

/// <summary>
/// The connection's output: frames are appended to a pending buffer under a short lock and one
/// flush writes everything pending in one write. The flush runs on the socket loop once it has
/// handled the current batch of events (on the thread pool when frames come from elsewhere), so
/// responses of many streams finishing together share one TLS record and one send instead of
/// paying one each, and no other thread is woken for it. A sender waits for the socket only when the pending
/// output passes <see cref="PendingOutputLimit"/> (a client that does not read stops its streams
/// there) or when it asks to (GOAWAY before closing).
/// </summary>
public sealed partial class Http2Connection
{
    /// <summary>Pending output beyond which senders wait for the socket.</summary>
    private const int PendingOutputLimit = 64 * 1024;

    /// <summary>Buffers that grew beyond this for a large response are dropped once the output is idle.</summary>
    private const int IdleOutputCapacity = 32 * 1024;

    private readonly Lock _outputSync = new();
    private ArrayBufferWriter<byte> _pending = new(4096);
    private ArrayBufferWriter<byte> _writing = new(4096);

    /// <summary>Completed once what is pending now has been written; created only when someone waits.</summary>
    private TaskCompletionSource? _pendingWritten;
    private bool _flushQueued;
    private Exception? _writeFailure;

    /// <summary>Appends frames to the output; the task completes at once unless the sender must wait (see the class).</summary>
    private ValueTask SendAsync(Action<IBufferWriter<byte>> write, bool waitWritten = false) =>
        SendAsync(write, static (output, write) => write(output), waitWritten);

    /// <summary>Appends what <paramref name="write"/> writes from <paramref name="state"/>, under the output lock.</summary>
    private ValueTask SendAsync<TState>(TState state, Action<IBufferWriter<byte>, TState> write, bool waitWritten = false)
    {
        lock (_outputSync)
        {
            if (_writeFailure is { } failure)
            {
                return ValueTask.FromException(new IOException("the client connection failed", failure));
            }

            write(_pending, state);
            return AfterAppend(waitWritten);
        }
    }

    /// <summary>Under the output lock, after frames were appended to <see cref="_pending"/>.</summary>
    private ValueTask AfterAppend(bool waitWritten)
    {
        if (!_flushQueued)
        {
            _flushQueued = true;
            if (SocketLoop.Current is { } loop)
            {
                loop.Defer(static connection => _ = ((Http2Connection)connection).FlushAsync(), this);
            }
            else
            {
                ThreadPool.UnsafeQueueUserWorkItem(static connection => _ = connection.FlushAsync(), this, preferLocal: false);
            }
        }

        if (!waitWritten && _pending.WrittenCount < PendingOutputLimit)
        {
            return ValueTask.CompletedTask;
        }

        _pendingWritten ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return new ValueTask(_pendingWritten.Task);
    }

    /// <summary>Completes once everything appended so far has been written (or the output failed).</summary>
    private ValueTask DrainOutputAsync()
    {
        lock (_outputSync)
        {
            if (!_flushQueued || _writeFailure is not null)
            {
                return ValueTask.CompletedTask;
            }

            _pendingWritten ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return new ValueTask(_pendingWritten.Task);
        }
    }

    /// <summary>Before the socket closes: what is pending goes out, unless the client does not read it within the linger time.</summary>
    private async ValueTask DrainOutputQuietlyAsync()
    {
        try
        {
            await DrainOutputAsync().AsTask().WaitAsync(LingerAfterGoAway).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or TimeoutException)
        {
            // The client stopped reading or left; closing the socket ends the write.
        }
    }

    private async Task FlushAsync()
    {
        while (true)
        {
            TaskCompletionSource? written;
            lock (_outputSync)
            {
                written = _pendingWritten;
                _pendingWritten = null;
                if (_pending.WrittenCount == 0)
                {
                    _flushQueued = false;
                    if (_writing.Capacity > IdleOutputCapacity)
                    {
                        _writing = new ArrayBufferWriter<byte>(4096);
                    }

                    if (_pending.Capacity > IdleOutputCapacity)
                    {
                        _pending = new ArrayBufferWriter<byte>(4096);
                    }

                    written?.TrySetResult();
                    return;
                }

                (_pending, _writing) = (_writing, _pending);
            }

            try
            {
                await _clientStream.WriteAsync(_writing.WrittenMemory).ConfigureAwait(false);
                _writing.ResetWrittenCount();
                written?.TrySetResult();
            }
            catch (Exception e)
            {
                FailOutput(e, written);
                return;
            }
        }
    }

    /// <summary>The socket failed: every sender waiting or to come gets the failure, and the frame reader stops.</summary>
    private void FailOutput(Exception failure, TaskCompletionSource? written)
    {
        TaskCompletionSource? next;
        lock (_outputSync)
        {
            _writeFailure = failure;
            next = _pendingWritten;
            _pendingWritten = null;
        }

        var error = new IOException("the client connection failed", failure);
        written?.TrySetException(error);
        next?.TrySetException(error);
        _clientReader.CancelPendingRead();
    }
}
