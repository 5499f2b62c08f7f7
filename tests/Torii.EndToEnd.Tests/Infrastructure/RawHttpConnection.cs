using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Torii.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A plain TCP connection speaking HTTP/1.1 by hand, so a test controls exactly
/// which bytes are sent (malformed requests included) and which connection is reused.
/// </summary>
public sealed class RawHttpConnection : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    private RawHttpConnection(Stream stream) => _stream = stream;

    /// <summary>Speaks HTTP over a stream the caller set up (TLS, for instance); disposing closes it.</summary>
    public static RawHttpConnection Over(Stream stream) => new(stream);

    public static async Task<RawHttpConnection> OpenAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        return new RawHttpConnection(new NetworkStream(socket, ownsSocket: true));
    }

    public static async Task<RawHttpResponse> GetAsync(int port, string host, string path)
    {
        await using var connection = await OpenAsync(port);
        return await connection.SendAsync($"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n");
    }

    public Task SendRawAsync(string text) => SendRawAsync(Encoding.ASCII.GetBytes(text));

    public async Task SendRawAsync(byte[] bytes) => await _stream.WriteAsync(bytes);

    public async Task<RawHttpResponse> SendAsync(string request)
    {
        await SendRawAsync(request);
        return await ReadResponseAsync();
    }

    /// <summary>True when the peer closed the connection (reads end) within the timeout.</summary>
    public async Task<bool> IsClosedByPeerAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            if (_end > _start)
            {
                return false;
            }

            var read = await _stream.ReadAsync(_buffer, cancellation.Token);
            return read == 0;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public async Task<RawHttpResponse> ReadResponseAsync(bool headRequest = false)
    {
        var statusLine = await ReadLineAsync() ?? throw new IOException("connection closed before a response");
        var parts = statusLine.Split(' ', 3);
        var status = int.Parse(parts[1], CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (await ReadLineAsync() is { Length: > 0 } line)
        {
            var colon = line.IndexOf(':');
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var existing) ? $"{existing}, {value}" : value;
        }

        string body;
        if (headRequest || status is 204 or 304 or (>= 100 and < 200))
        {
            body = string.Empty;
        }
        else if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = await ReadChunkedAsync();
        }
        else if (headers.TryGetValue("Content-Length", out var length))
        {
            body = Encoding.UTF8.GetString(await ReadExactlyAsync(int.Parse(length, CultureInfo.InvariantCulture)));
        }
        else
        {
            body = await ReadToEndAsync();
        }

        return new RawHttpResponse(status, headers, body);
    }

    public async ValueTask DisposeAsync() => await _stream.DisposeAsync();

    private async Task<string> ReadChunkedAsync()
    {
        var body = new StringBuilder();
        while (true)
        {
            var sizeLine = await ReadLineAsync() ?? throw new IOException("truncated chunked body");
            var size = int.Parse(sizeLine.Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                while (await ReadLineAsync() is { Length: > 0 })
                {
                }

                return body.ToString();
            }

            body.Append(Encoding.UTF8.GetString(await ReadExactlyAsync(size)));
            await ReadLineAsync();
        }
    }

    private async Task<string> ReadToEndAsync()
    {
        var body = new MemoryStream();
        body.Write(_buffer, _start, _end - _start);
        _start = _end = 0;
        await _stream.CopyToAsync(body);
        return Encoding.UTF8.GetString(body.ToArray());
    }

    private async Task<byte[]> ReadExactlyAsync(int count)
    {
        var result = new byte[count];
        var copied = 0;
        while (copied < count)
        {
            if (_start == _end && !await FillAsync())
            {
                throw new IOException($"connection closed after {copied} of {count} body bytes");
            }

            var take = Math.Min(count - copied, _end - _start);
            Array.Copy(_buffer, _start, result, copied, take);
            _start += take;
            copied += take;
        }

        return result;
    }

    private async Task<string?> ReadLineAsync()
    {
        var line = new StringBuilder();
        while (true)
        {
            if (_start == _end && !await FillAsync())
            {
                return line.Length == 0 ? null : line.ToString();
            }

            var b = _buffer[_start++];
            if (b == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append((char)b);
        }
    }

    private async Task<bool> FillAsync()
    {
        _start = 0;
        _end = await _stream.ReadAsync(_buffer);
        return _end > 0;
    }
}
