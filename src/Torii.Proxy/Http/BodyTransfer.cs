using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Torii.Proxy.Connections;
using Torii.Proxy.Http.Parsing;
using Torii.Proxy.Listeners;

namespace Torii.Proxy.Http;

/// <summary>
/// Streams message bodies between a pipe and a socket stream without holding them
/// whole. Bytes go out with the head still pending in the output buffer while the
/// total stays small, so a small response leaves in one send.
/// </summary>
public static class BodyTransfer
{
    private const int CoalesceLimit = 32 * 1024;

    /// <returns>The number of body bytes sent.</returns>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<long> SendRequestBodyAsync(
        PipeReader client, RequestHead request, Stream backend, OutputBuffer pending, ConnectionDeadline deadline, ListenerSettings settings, HttpLimits limits)
    {
        var timeout = new ReadTimeout(deadline, settings.RequestTimeout, TimeoutKind.Request);
        var body = new BodyResult(Complete: true, Bytes: 0);
        if (request.IsChunked)
        {
            body = await CopyChunkedAsync(client, backend, pending, timeout, limits).ConfigureAwait(false);
        }
        else if (request.ContentLength > 0)
        {
            body = await CopyFixedAsync(client, backend, request.ContentLength, pending, timeout).ConfigureAwait(false);
        }

        if (!body.Complete)
        {
            throw new BadRequestBodyException();
        }

        await FlushAsync(backend, pending, deadline.Token).ConfigureAwait(false);
        return body.Bytes;
    }

    /// <summary>
    /// Reads a response body through to its end, writing it on; false when it ended
    /// early or was malformed, so neither side may reuse the connection. The tail is
    /// left in <paramref name="pending"/>: the caller frees the backend connection first,
    /// then flushes, so the client's next request finds it back in the pool.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<BodyResult> SendResponseBodyAsync(
        PipeReader backend, BodyFraming framing, Stream client, OutputBuffer pending, ConnectionDeadline deadline, ListenerSettings settings, HttpLimits limits)
    {
        var timeout = new ReadTimeout(deadline, settings.BackTimeout, TimeoutKind.Back);
        switch (framing.Kind)
        {
            case BodyKind.ContentLength:
                return await CopyFixedAsync(backend, client, framing.Length, pending, timeout).ConfigureAwait(false);
            case BodyKind.Chunked:
                return await CopyChunkedAsync(backend, client, pending, timeout, limits).ConfigureAwait(false);
            case BodyKind.UntilClose:
                return await CopyUntilCloseAsync(backend, client, pending, timeout).ConfigureAwait(false);
            default:
                return new BodyResult(Complete: true, Bytes: 0);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<BodyResult> CopyFixedAsync(PipeReader from, Stream to, long length, OutputBuffer pending, ReadTimeout timeout)
    {
        var remaining = length;
        while (remaining > 0)
        {
            var result = await timeout.ReadAsync(from).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (buffer.IsEmpty && result.IsCompleted)
            {
                return new BodyResult(Complete: false, length - remaining);
            }

            var body = buffer.Slice(0, Math.Min(buffer.Length, remaining));
            await WriteAsync(to, pending, body, timeout.Token).ConfigureAwait(false);
            remaining -= body.Length;
            from.AdvanceTo(body.End);
        }

        return new BodyResult(Complete: true, length);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<BodyResult> CopyChunkedAsync(PipeReader from, Stream to, OutputBuffer pending, ReadTimeout timeout, HttpLimits limits)
    {
        var scanner = new ChunkedBodyScanner(limits);
        long copied = 0;
        while (true)
        {
            var result = await timeout.ReadAsync(from).ConfigureAwait(false);
            var buffer = result.Buffer;
            var scan = scanner.Scan(buffer, out var bodyBytes);
            var body = buffer.Slice(0, bodyBytes);
            await WriteAsync(to, pending, body, timeout.Token).ConfigureAwait(false);
            copied += body.Length;
            from.AdvanceTo(body.End, scan == ChunkedScanResult.NeedMoreData ? buffer.End : body.End);
            if (scan != ChunkedScanResult.NeedMoreData || result.IsCompleted)
            {
                return new BodyResult(scan == ChunkedScanResult.Complete, copied);
            }
        }
    }

    private static async ValueTask<BodyResult> CopyUntilCloseAsync(PipeReader from, Stream to, OutputBuffer pending, ReadTimeout timeout)
    {
        long copied = 0;
        while (true)
        {
            var result = await timeout.ReadAsync(from).ConfigureAwait(false);
            var buffer = result.Buffer;
            await WriteAsync(to, pending, buffer, timeout.Token).ConfigureAwait(false);
            copied += buffer.Length;
            from.AdvanceTo(buffer.End);
            if (result.IsCompleted)
            {
                return new BodyResult(Complete: true, copied);
            }
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask WriteAsync(Stream to, OutputBuffer pending, ReadOnlySequence<byte> data, CancellationToken cancellationToken)
    {
        if (pending.Length + data.Length <= CoalesceLimit)
        {
            pending.Write(data);
            return;
        }

        await FlushAsync(to, pending, cancellationToken).ConfigureAwait(false);
        foreach (var segment in data)
        {
            await to.WriteAsync(segment, cancellationToken).ConfigureAwait(false);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask FlushAsync(Stream to, OutputBuffer pending, CancellationToken cancellationToken)
    {
        if (pending.Length > 0)
        {
            await to.WriteAsync(pending.WrittenMemory, cancellationToken).ConfigureAwait(false);
            pending.Clear();
        }
    }
}
