using System.Buffers;
using System.Text;
using Torii.Proxy.Http.Parsing;
using Torii.Proxy.Http2.Hpack;

namespace Torii.Proxy.Http2.Translation;

/// <summary>
/// Turns the decoded header block of a request (or its trailers) into the HTTP/1.1 text the
/// proxy's request path reads, checking the rules of RFC 9113 §8.2 and §8.3 on the way. A
/// violation is only recorded: the block must still be decoded to the end so that the
/// connection's HPACK table stays in step; the caller then resets the stream.
/// </summary>
public sealed class RequestHeadBuilder : IHeaderSink
{
    private readonly ArrayBufferWriter<byte> _fields = new(1024);
    private readonly ArrayBufferWriter<byte> _cookie = new(256);
    private readonly ArrayBufferWriter<byte> _head = new(1024);
    private byte[]? _method;
    private byte[]? _path;
    private byte[]? _authority;
    private bool _scheme;
    private bool _regularSeen;
    private bool _trailers;

    /// <summary>The first rule the block broke, or null.</summary>
    public string? Error { get; private set; }

    /// <summary>The content-length field, or -1.</summary>
    public long ContentLength { get; private set; } = -1;

    public bool IsHead => _method is not null && _method.AsSpan().SequenceEqual("HEAD"u8);

    public bool IsConnect => _method is not null && _method.AsSpan().SequenceEqual("CONNECT"u8);

    public void Reset(bool trailers)
    {
        _fields.ResetWrittenCount();
        _cookie.ResetWrittenCount();
        _method = _path = _authority = null;
        _scheme = _regularSeen = false;
        _trailers = trailers;
        Error = null;
        ContentLength = -1;
    }

    public void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        if (Error is not null)
        {
            return;
        }

        if (value.ContainsAny(HttpCharacters.InvalidFieldValue)
            || (!value.IsEmpty && (HttpCharacters.IsWhitespace(value[0]) || HttpCharacters.IsWhitespace(value[^1]))))
        {
            Fail($"invalid value for {Encoding.ASCII.GetString(name)}");
            return;
        }

        if (!name.IsEmpty && name[0] == (byte)':')
        {
            OnPseudoHeader(name, value);
            return;
        }

        _regularSeen = true;
        if (!HttpCharacters.IsToken(name) || name.ContainsAnyInRange((byte)'A', (byte)'Z'))
        {
            Fail("field name not a lowercase token");
            return;
        }

        if (IsConnectionSpecific(name, value))
        {
            Fail($"connection-specific field {Encoding.ASCII.GetString(name)}");
            return;
        }

        if (name.SequenceEqual("cookie"u8))
        {
            // RFC 9113 §8.2.3: crumbs are joined again for an HTTP/1.1 hop.
            if (_cookie.WrittenCount > 0)
            {
                _cookie.Write("; "u8);
            }

            _cookie.Write(value);
            return;
        }

        if (name.SequenceEqual("content-length"u8) && !_trailers)
        {
            if (!long.TryParse(value, System.Globalization.NumberStyles.None, null, out var length) || (ContentLength >= 0 && length != ContentLength))
            {
                Fail("invalid content-length");
                return;
            }

            ContentLength = length;
        }

        if (name.SequenceEqual("host"u8) && _authority is not null)
        {
            // :authority wins (RFC 9113 §8.3.1); a second Host would make the HTTP/1.1 request invalid.
            return;
        }

        AppendField(_fields, name, value);
    }

    /// <summary>Checks the pseudo-header fields are complete (§8.3.1); false with <see cref="Error"/> set otherwise.</summary>
    public bool Validate()
    {
        if (Error is null && !_trailers)
        {
            if (_method is null)
            {
                Fail("no :method");
            }
            else if (IsConnect ? _authority is null || _path is not null || _scheme : _path is null || !_scheme)
            {
                Fail("missing or extra pseudo-header fields");
            }
        }

        return Error is null;
    }

    /// <summary>Writes "METHOD target HTTP/1.1", Host, the fields and the framing the body needs.</summary>
    public void WriteHead(IBufferWriter<byte> output, bool chunked)
    {
        output.Write(_method);
        output.Write(" "u8);
        output.Write(IsConnect ? _authority : _path);
        output.Write(" HTTP/1.1\r\n"u8);
        if (_authority is not null)
        {
            AppendField(output, "host"u8, _authority);
        }

        output.Write(_fields.WrittenSpan);
        if (_cookie.WrittenCount > 0)
        {
            AppendField(output, "cookie"u8, _cookie.WrittenSpan);
        }

        if (chunked)
        {
            output.Write("transfer-encoding: chunked\r\n"u8);
        }

        output.Write("\r\n"u8);
    }

    /// <summary>
    /// Fills <paramref name="request"/> from the block, through the same HTTP/1.1 parser and limits a
    /// request from a client connection goes through, without the pipe and the session's read loop.
    /// </summary>
    public HeadParseResult ParseInto(RequestHead request, HttpLimits limits, bool chunked)
    {
        _head.ResetWrittenCount();
        WriteHead(_head, chunked);
        var rendered = new ReadOnlySequence<byte>(_head.WrittenMemory);
        var result = RequestHeadParser.TryParse(ref rendered, request, limits);
        return result.IsComplete || result.IsError ? result : HeadParseResult.Failed(HttpParseError.HeadTooLarge);
    }

    /// <summary>The last chunk of a chunked body carrying the trailer fields (RFC 9112 §7.1.2).</summary>
    public void WriteTrailers(IBufferWriter<byte> output)
    {
        output.Write("0\r\n"u8);
        output.Write(_fields.WrittenSpan);
        output.Write("\r\n"u8);
    }

    private void OnPseudoHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        if (_regularSeen || _trailers)
        {
            Fail("pseudo-header field after a regular field or in trailers");
            return;
        }

        switch (Encoding.ASCII.GetString(name))
        {
            case ":method" when _method is null && HttpCharacters.IsToken(value):
                _method = value.ToArray();
                break;
            case ":path" when _path is null && !value.IsEmpty && !value.ContainsAnyExcept(HttpCharacters.RequestTarget)
                && (value[0] == (byte)'/' || value.SequenceEqual("*"u8)):
                _path = value.ToArray();
                break;
            case ":authority" when _authority is null && !value.IsEmpty && !value.ContainsAnyExcept(HttpCharacters.Host):
                _authority = value.ToArray();
                break;
            case ":scheme" when !_scheme && HttpCharacters.IsToken(value):
                _scheme = true;
                break;
            default:
                Fail($"unknown, repeated or invalid pseudo-header field {Encoding.ASCII.GetString(name)}");
                break;
        }
    }

    private static bool IsConnectionSpecific(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) =>
        name.SequenceEqual("connection"u8) || name.SequenceEqual("keep-alive"u8) || name.SequenceEqual("proxy-connection"u8)
        || name.SequenceEqual("transfer-encoding"u8) || name.SequenceEqual("upgrade"u8)
        || (name.SequenceEqual("te"u8) && !value.SequenceEqual("trailers"u8));

    private static void AppendField(IBufferWriter<byte> output, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        output.Write(name);
        output.Write(": "u8);
        output.Write(value);
        output.Write("\r\n"u8);
    }

    private void Fail(string reason) => Error ??= reason;
}
