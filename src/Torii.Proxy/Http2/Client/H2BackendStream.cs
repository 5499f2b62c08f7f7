using System.IO.Pipelines;
using Torii.Proxy.Http2.Streams;
using Torii.Proxy.Http2.Translation;

namespace Torii.Proxy.Http2.Client;

/// <summary>
/// One request on a backend connection, from the request session's side: it sends the request
/// through the connection, awaits <see cref="ResponseHead"/>, reads the response body from
/// <see cref="Body"/> and finally <see cref="Trailers"/>. Its windows are guarded by the connection's lock.
/// </summary>
public sealed class H2BackendStream
{
    // The body is bounded by our receive window, not by the pipe.
    private static readonly PipeOptions BodyPipeOptions = new(pauseWriterThreshold: 0, useSynchronizationContext: false);

    private readonly TaskCompletionSource<H2ResponseFields> _head = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Pipe _body = new(BodyPipeOptions);

    internal H2BackendStream(H2BackendConnection connection, int sendWindow)
    {
        Connection = connection;
        SendWindow = new FlowWindow(sendWindow);
        Body = new CreditingPipeReader(_body.Reader, consumed => connection.Credit(this, consumed));
    }

    public H2BackendConnection Connection { get; }

    /// <summary>0 until the HEADERS that open the stream are written.</summary>
    public int Id { get; internal set; }

    internal FlowWindow SendWindow { get; }

    internal FlowWindow ReceiveWindow { get; } = new(H2ClientLimits.StreamReceiveWindow);

    /// <summary>DATA octets received and not yet given back to the backend as window.</summary>
    internal long UncreditedData { get; set; }

    internal long PendingCredit { get; set; }

    internal bool RequestEnded { get; set; }

    internal bool ResponseEnded { get; set; }

    internal bool IsReset { get; set; }

    /// <summary>The final response head; faults with <see cref="H2StreamResetException"/> when the stream ends first.</summary>
    public Task<H2ResponseFields> ResponseHead => _head.Task;

    /// <summary>The response body's octets; completes at END_STREAM, faults when the stream is reset.</summary>
    public PipeReader Body { get; }

    /// <summary>The trailer fields, once the body has completed; null when the response had none.</summary>
    public H2ResponseFields? Trailers { get; internal set; }

    /// <summary>Whether the response ended at its HEADERS (END_STREAM): no body, the head carries what trailers would.</summary>
    public bool EndedAtHead { get; internal set; }

    internal PipeWriter BodyWriter => _body.Writer;

    internal void OnHead(H2ResponseFields head, bool endStream)
    {
        EndedAtHead = endStream;
        _head.TrySetResult(head);
        if (endStream)
        {
            EndResponse();
        }
    }

    internal void EndResponse()
    {
        ResponseEnded = true;
        _body.Writer.Complete();
    }

    /// <summary>Ends the response side with an error; under the connection's lock.</summary>
    internal void Fail(H2StreamResetException error)
    {
        IsReset = true;
        _head.TrySetException(error);
        if (!ResponseEnded)
        {
            ResponseEnded = true;
            _body.Writer.Complete(error);
        }
    }
}
