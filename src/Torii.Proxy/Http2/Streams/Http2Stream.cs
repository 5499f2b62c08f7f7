using System.IO.Pipelines;

namespace Torii.Proxy.Http2.Streams;

/// <summary>
/// One request/response exchange on an HTTP/2 connection. The request travels to the proxy's
/// HTTP/1.1 request path through <see cref="RequestPipe"/>, the response comes back through
/// <see cref="ResponsePipe"/>. Its state and windows are guarded by the connection's lock.
/// </summary>
public sealed class Http2Stream(int id, int sendWindow, int receiveWindow)
{
    // The request side is bounded by our receive window, not by the pipe; the response side
    // pauses the request session (and so the backend) once 64 KiB wait for the client's window.
    private static readonly PipeOptions RequestPipeOptions = new(pauseWriterThreshold: 0, useSynchronizationContext: false);
    // The response translator resumes on the session's thread as the session writes: it only turns
    // the bytes into frames for the connection's output, so a hop to the thread pool would cost more.
    private static readonly PipeOptions ResponsePipeOptions = new(
        readerScheduler: PipeScheduler.Inline, pauseWriterThreshold: 64 * 1024, resumeWriterThreshold: 32 * 1024, useSynchronizationContext: false);

    private readonly CancellationTokenSource _aborted = new();

    public int Id { get; } = id;

    public StreamState State { get; set; } = StreamState.Idle;

    public FlowWindow SendWindow { get; } = new(sendWindow);

    public FlowWindow ReceiveWindow { get; } = new(receiveWindow);

    private Pipe? _requestPipe;

    /// <summary>The request body's way to the session; made on first use, so a request without a body never has one.</summary>
    public Pipe RequestPipe => _requestPipe ??= new(RequestPipeOptions);

    public Pipe ResponsePipe { get; } = new(ResponsePipeOptions);

    /// <summary>Whether the request body goes on to the backend chunked (no content-length was given).</summary>
    public bool ChunkedRequest { get; set; }

    /// <summary>The request's content-length, or -1.</summary>
    public long DeclaredLength { get; set; } = -1;

    public long ReceivedLength { get; set; }

    /// <summary>DATA octets received and not yet given back to the client as window.</summary>
    public long UncreditedData { get; set; }

    /// <summary>Octets the request session consumed that have not been credited yet.</summary>
    public long PendingCredit { get; set; }

    public bool IsHeadRequest { get; set; }

    /// <summary>Whether the request's HEADERS left the stream open for DATA.</summary>
    public bool HasRequestBody { get; init; }

    /// <summary>When the response first found a shut window and how much it has sent since; for the stall defence.</summary>
    public long StalledSinceMs { get; set; } = -1;

    public long SentSinceStall { get; set; }

    /// <summary>The task relaying this stream, set when it starts.</summary>
    public Task Completion { get; set; } = Task.CompletedTask;

    public CancellationToken Aborted => _aborted.Token;

    public bool IsAborted => _aborted.IsCancellationRequested;

    /// <summary>
    /// Ends both directions at once: the request session's reads fail now, the response translator
    /// stops at its next wait and completes the response pipe, which fails the session's writes.
    /// Called under the connection's lock, which also guards every write to the request pipe.
    /// </summary>
    public void Abort()
    {
        State = StreamStateMachine.OnReset(State);
        if (_aborted.IsCancellationRequested)
        {
            return;
        }

        _aborted.Cancel();
        _requestPipe?.Writer.Complete(new IOException($"HTTP/2 stream {Id} was reset"));
    }
}
