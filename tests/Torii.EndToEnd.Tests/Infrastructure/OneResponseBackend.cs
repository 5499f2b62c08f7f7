using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Torii.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A backend that answers the first request of each connection with a keep-alive response naming the
/// connection ("connection N, M body bytes"), then closes it: what a backend with a short keep-alive
/// timeout does to the proxy's idle pooled connections.
/// </summary>
public sealed class OneResponseBackend : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly List<TaskCompletionSource> _closed = [];
    private int _accepted;

    public OneResponseBackend()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen();
        _ = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

    /// <summary>Completes once the backend has closed its <paramref name="number"/>th connection (from 1).</summary>
    public Task ClosedAsync(int number) => Closed(number).Task.WaitAsync(TimeSpan.FromSeconds(10));

    public void Dispose() => _listener.Dispose();

    private TaskCompletionSource Closed(int number)
    {
        lock (_closed)
        {
            while (_closed.Count < number)
            {
                _closed.Add(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }

            return _closed[number - 1];
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync();
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = AnswerOnceAsync(client, Interlocked.Increment(ref _accepted));
        }
    }

    private async Task AnswerOnceAsync(Socket client, int number)
    {
        try
        {
            using (client)
            {
                var received = new List<byte>();
                var buffer = new byte[4096];
                int bodyBytes;
                while (!TryReadRequest(received, out bodyBytes))
                {
                    var read = await client.ReceiveAsync(buffer);
                    if (read == 0)
                    {
                        return;
                    }

                    received.AddRange(buffer.AsSpan(0, read));
                }

                var body = $"connection {number}, {bodyBytes} body bytes";
                await client.SendAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\n\r\n{body}"));
                client.Shutdown(SocketShutdown.Both);
            }
        }
        catch (SocketException)
        {
            // The proxy closed first.
        }
        finally
        {
            Closed(number).TrySetResult();
        }
    }

    private static bool TryReadRequest(List<byte> received, out int bodyBytes)
    {
        bodyBytes = 0;
        var text = Encoding.ASCII.GetString([.. received]);
        var headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (headEnd < 0)
        {
            return false;
        }

        var length = text[..headEnd].Split("\r\n")
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2 && parts[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(parts => int.Parse(parts[1].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        bodyBytes = received.Count - (headEnd + 4);
        return bodyBytes >= length;
    }
}
