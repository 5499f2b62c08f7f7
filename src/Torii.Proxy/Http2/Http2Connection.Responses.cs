using System.Buffers;
using System.Runtime.CompilerServices;
using Torii.Proxy.Http.Parsing;
using Torii.Proxy.Http2.Frames;
using Torii.Proxy.Http2.Hpack;
using Torii.Proxy.Http2.Streams;
using Torii.Proxy.Http2.Translation;

namespace Torii.Proxy.Http2;

/// <summary>
/// Turns the HTTP/1.1 response a stream's request session wrote into HEADERS and DATA: interim
/// responses become HEADERS without END_STREAM, the body is unframed (Content-Length, chunked
/// or until close) into DATA, and chunked trailers become a final HEADERS.
/// </summary>
public sealed partial class Http2Connection
{
    /// <summary>False when the session ended without a complete response.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> RelayResponseAsync(Http2Stream stream)
    {
        var reader = stream.ResponsePipe.Reader;
        using var scratch = ResponseScratch.Rent();
        var head = scratch.Head;
        var block = scratch.Block;
        while (true)
        {
            if (!await ReadResponseHeadAsync(stream, reader, head).ConfigureAwait(false))
            {
                return false;
            }

            var interim = head.StatusCode is >= 100 and < 200;
            var framing = interim ? BodyFraming.None : BodyFraming.ForResponse(head, stream.IsHeadRequest ? HttpMethodKind.Head : HttpMethodKind.Get);
            if (framing.Kind == BodyKind.Tunnel)
            {
                return false;
            }

            block.ResetWrittenCount();
            HpackEncoder.WriteStatus(block, head.StatusCode);
            WriteFields(block, head);
            if (!interim && await TrySendWholeResponseAsync(stream, reader, block.WrittenMemory, framing).ConfigureAwait(false))
            {
                return true;
            }

            var bodyless = framing.Kind == BodyKind.None || (framing.Kind == BodyKind.ContentLength && framing.Length == 0);
            await SendHeadersAsync(stream, block.WrittenMemory, endStream: !interim && bodyless).ConfigureAwait(false);
            if (interim)
            {
                continue;
            }

            if (!bodyless)
            {
                await (framing.Kind switch
                {
                    BodyKind.ContentLength => RelayLengthBodyAsync(stream, reader, framing.Length),
                    BodyKind.Chunked => RelayChunkedBodyAsync(stream, reader, block),
                    _ => RelayBodyUntilCloseAsync(stream, reader),
                }).ConfigureAwait(false);
            }

            return true;
        }
    }

    /// <summary>
    /// A small response whose body is already in hand and fits the open windows goes out as
    /// HEADERS and DATA in one write: most responses, at half the writes.
    /// </summary>
    private async ValueTask<bool> TrySendWholeResponseAsync(Http2Stream stream, System.IO.Pipelines.PipeReader reader, ReadOnlyMemory<byte> block, BodyFraming framing)
    {
        if (framing.Kind != BodyKind.ContentLength || framing.Length is 0 or > FrameHeader.DefaultMaxFrameSize || !reader.TryRead(out var ready))
        {
            return false;
        }

        if (ready.Buffer.Length < framing.Length || !TryReserveWindowNow(stream, (int)framing.Length))
        {
            reader.AdvanceTo(ready.Buffer.Start);
            return false;
        }

        var body = ready.Buffer.Slice(0, framing.Length);
        await SendHeadersAndDataAsync(stream, block, body).ConfigureAwait(false);
        reader.AdvanceTo(body.End);
        return true;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ReadResponseHeadAsync(Http2Stream stream, System.IO.Pipelines.PipeReader reader, ResponseHead head)
    {
        while (true)
        {
            var result = await reader.ReadAsync(stream.Aborted).ConfigureAwait(false);
            var buffer = result.Buffer;
            var parsed = ResponseHeadParser.TryParse(ref buffer, head, _context.Limits);
            if (parsed.Status == ParseStatus.Complete)
            {
                reader.AdvanceTo(buffer.Start);
                return true;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            if (parsed.Status == ParseStatus.Error || result.IsCompleted)
            {
                return false;
            }
        }
    }

    private async ValueTask RelayLengthBodyAsync(Http2Stream stream, System.IO.Pipelines.PipeReader reader, long length)
    {
        while (length > 0)
        {
            var result = await reader.ReadAsync(stream.Aborted).ConfigureAwait(false);
            var piece = result.Buffer.Slice(0, Math.Min(length, result.Buffer.Length));
            length -= piece.Length;
            await SendDataAsync(stream, piece, endStream: length == 0).ConfigureAwait(false);
            reader.AdvanceTo(piece.End);
            if (length > 0 && result.IsCompleted)
            {
                throw new InvalidDataException("response body shorter than its Content-Length");
            }
        }
    }

    private async ValueTask RelayBodyUntilCloseAsync(Http2Stream stream, System.IO.Pipelines.PipeReader reader)
    {
        while (true)
        {
            var result = await reader.ReadAsync(stream.Aborted).ConfigureAwait(false);
            await SendDataAsync(stream, result.Buffer, endStream: result.IsCompleted).ConfigureAwait(false);
            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                return;
            }
        }
    }

    private async ValueTask RelayChunkedBodyAsync(Http2Stream stream, System.IO.Pipelines.PipeReader reader, ArrayBufferWriter<byte> trailers)
    {
        var decoder = new ChunkedDecoder();
        trailers.ResetWrittenCount();
        while (true)
        {
            var result = await reader.ReadAsync(stream.Aborted).ConfigureAwait(false);
            var buffer = result.Buffer;
            while (true)
            {
                var kind = decoder.Next(ref buffer, out var piece);
                if (kind == ChunkedPieceKind.Data)
                {
                    await SendDataAsync(stream, piece, endStream: false).ConfigureAwait(false);
                    continue;
                }

                if (kind == ChunkedPieceKind.TrailerLine)
                {
                    TrailerLineEncoder.Write(trailers, piece);
                    continue;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (kind == ChunkedPieceKind.End)
                {
                    if (trailers.WrittenCount > 0)
                    {
                        await SendHeadersAsync(stream, trailers.WrittenMemory, endStream: true).ConfigureAwait(false);
                    }
                    else
                    {
                        await SendDataAsync(stream, ReadOnlySequence<byte>.Empty, endStream: true).ConfigureAwait(false);
                    }

                    return;
                }

                break;
            }

            if (result.IsCompleted)
            {
                throw new InvalidDataException("chunked response body cut short");
            }
        }
    }

    /// <summary>The response's fields, names in lower case, without the HTTP/1.1 connection-specific ones (RFC 9113 §8.2.2).</summary>
    private static void WriteFields(IBufferWriter<byte> block, ResponseHead head)
    {
        Span<byte> lower = stackalloc byte[256];
        for (var index = 0; index < head.HeaderCount; index++)
        {
            ref readonly var header = ref head.GetHeader(index);
            if (header.IsNamedByConnection || KnownHeaders.IsHopByHop(header.Known) || header.Known == KnownHeader.TransferEncoding)
            {
                continue;
            }

            var name = head.GetHeaderName(index);
            if (name.Length > lower.Length)
            {
                continue;
            }

            System.Text.Ascii.ToLower(name, lower, out var written);
            HpackEncoder.WriteField(block, lower[..written], head.GetHeaderValue(index));
        }
    }
}
