using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Torii.Bench;

/// <summary>
/// Scenario (e): opens many keep-alive client connections to a proxy, each sending one request and
/// reading its whole answer, then holds them all open and reports how much the proxy's RSS grew.
/// </summary>
public static class IdleConnections
{
    public static async Task<int> RunAsync(Arguments options)
    {
        var host = IPAddress.Parse(options.Text("host", "127.0.0.1"));
        var port = options.Int("port");
        var count = options.Int("connections");
        var pids = options.Ints("pids");
        var path = options.Text("path", "/small");
        var concurrency = options.Int("concurrency", 100);
        var settle = TimeSpan.FromMilliseconds(options.Int("settle-ms", 2000));
        var request = Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n");

        var before = ProcessMemory.ResidentKib(pids);
        var sockets = new Socket?[count];
        var failures = 0;
        string? firstFailure = null;
        var next = -1;
        var started = System.Diagnostics.Stopwatch.StartNew();

        async Task OpenAsync()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
            {
                try
                {
                    sockets[index] = await OpenOneAsync(new IPEndPoint(host, port), request);
                }
                catch (Exception error) when (error is SocketException or IOException or InvalidDataException)
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref firstFailure, error.Message, null);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(OpenAsync)));
        var openSeconds = started.Elapsed.TotalSeconds;
        await Task.Delay(settle);
        var after = ProcessMemory.ResidentKib(pids);
        var alive = sockets.Count(IsOpen);

        foreach (var socket in sockets)
        {
            socket?.Dispose();
        }

        var opened = count - failures;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"opened={opened} failed={failures} alive={alive} rss_before_kib={before} rss_after_kib={after} open_seconds={openSeconds:0.00}"));
        if (firstFailure is not null)
        {
            await Console.Error.WriteLineAsync($"first failure: {firstFailure}");
        }

        return 0;
    }

    private static async Task<Socket> OpenOneAsync(IPEndPoint endPoint, byte[] request)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await socket.ConnectAsync(endPoint, timeout.Token);
            await socket.SendAsync(request, SocketFlags.None, timeout.Token);
            await ReadResponseAsync(socket, timeout.Token);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Reads one response with a Content-Length body; the connection stays usable.</summary>
    private static async Task ReadResponseAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[16384];
        var filled = 0;
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                throw new IOException("the proxy closed the connection before the response was complete");
            }

            filled += read;
            var text = Encoding.ASCII.GetString(buffer, 0, filled);
            var headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (headEnd < 0)
            {
                if (filled == buffer.Length)
                {
                    throw new InvalidDataException("response head larger than 16 KiB");
                }

                continue;
            }

            if (!text.StartsWith("HTTP/1.1 200", StringComparison.Ordinal))
            {
                throw new InvalidDataException($"unexpected status line: {text[..text.IndexOf('\r', StringComparison.Ordinal)]}");
            }

            var length = ContentLength(text[..headEnd]);
            if (filled >= headEnd + 4 + length)
            {
                return;
            }

            if (headEnd + 4 + length > buffer.Length)
            {
                throw new InvalidDataException("use a small body for idle connections");
            }
        }
    }

    private static int ContentLength(string head)
    {
        foreach (var line in head.Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                return int.Parse(line[(colon + 1)..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidDataException("the response has no Content-Length");
    }

    /// <summary>Open means the peer has not closed it: not readable, or readable with data pending.</summary>
    private static bool IsOpen(Socket? socket) =>
        socket is not null && !(socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0);
}
