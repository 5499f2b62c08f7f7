using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Torii.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A raw-socket HTTP/1.1 backend that records every byte it receives and answers each request
/// with exactly the bytes a script returns, well-formed or not: a backend that misbehaves on cue.
/// Requests are read by their head and Content-Length; the script sees the connection's number
/// (from 1) and the whole request (head, blank line, body).
/// </summary>
public sealed class ScriptedBackend : IDisposable
{
    private readonly Socket _listener;
    private readonly Func<int, string, ScriptedReply> _script;
    private readonly ConcurrentDictionary<int, Socket> _connections = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly StringBuilder _received = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _closed = new();
    private int _accepted;

    public ScriptedBackend(Func<int, string, ScriptedReply> script)
    {
        _script = script;
        _listener = LoopbackListener.Start(Accepted);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

    public int ConnectionCount => Volatile.Read(ref _accepted);

    /// <summary>Completes once connection <paramref name="number"/> (from 1) has ended, whichever side closed it.</summary>
    public Task ClosedAsync(int number) => Closed(number).Task.WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>Every request received (head, blank line, body), in arrival order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>Every byte received on every connection, as text.</summary>
    public string Received
    {
        get
        {
            lock (_received)
            {
                return _received.ToString();
            }
        }
    }

    /// <summary>Sends bytes nobody asked for on connection <paramref name="number"/>, as a broken backend may while the connection is idle.</summary>
    public async Task SendUnsolicitedAsync(int number, string bytes) =>
        await _connections[number].SendAsync(Encoding.ASCII.GetBytes(bytes));

    public void Dispose()
    {
        _listener.Dispose();
        foreach (var connection in _connections.Values)
        {
            connection.Dispose();
        }
    }

    private void Accepted(Socket client)
    {
        var number = Interlocked.Increment(ref _accepted);
        _connections[number] = client;
        _ = ServeAsync(client, number);
    }

    private TaskCompletionSource Closed(int number) =>
        _closed.GetOrAdd(number, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private async Task ServeAsync(Socket client, int number)
    {
        var pending = new List<byte>();
        var buffer = new byte[8192];
        try
        {
            while (true)
            {
                while (TryTakeRequest(pending) is { } request)
                {
                    _requests.Enqueue(request);
                    var reply = _script(number, request);
                    await client.SendAsync(Encoding.ASCII.GetBytes(reply.Bytes));
                    if (reply.Close)
                    {
                        client.Shutdown(SocketShutdown.Both);
                        client.Dispose();
                        return;
                    }
                }

                var read = await client.ReceiveAsync(buffer);
                if (read == 0)
                {
                    client.Dispose();
                    return;
                }

                lock (_received)
                {
                    _received.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                pending.AddRange(buffer.AsSpan(0, read));
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The proxy closed the connection.
        }
        finally
        {
            Closed(number).TrySetResult();
        }
    }

    private static string? TryTakeRequest(List<byte> pending)
    {
        var text = Encoding.ASCII.GetString([.. pending]);
        var headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (headEnd < 0)
        {
            return null;
        }

        var head = text[..headEnd];
        var length = head.Split("\r\n")
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2 && parts[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(parts => int.Parse(parts[1].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        if (pending.Count < headEnd + 4 + length)
        {
            return null;
        }

        pending.RemoveRange(0, headEnd + 4 + length);
        return text[..(headEnd + 4 + length)];
    }
}
