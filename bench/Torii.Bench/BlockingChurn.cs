using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Torii.Protocol;

namespace Torii.Bench;

/// <summary>
/// The churn of <see cref="BackendChurn"/> sent the plainest way a client can: one thread, one
/// connection, a blocking send of each frame and a blocking read of its answer, no thread pool.
/// Its latencies are the proxy's answer time plus one wake-up of this thread, so set beside those
/// of the pooled async client (what connectors use) they tell the proxy's share from the client's.
/// </summary>
public static class BlockingChurn
{
    public static int Run(Arguments options)
    {
        var cluster = options.Text("cluster");
        var address = SocketAddresses.Parse(options.Text("address"));
        var rate = options.Double("rate");
        var duration = TimeSpan.FromSeconds(options.Double("seconds"));
        if (rate <= 0)
        {
            throw new ArgumentException("--rate must be positive");
        }

        const string BackendId = "churn-blocking";
        byte[] add = FrameEncoder.ToArray(new Request { AddBackend = new AddBackend { ClusterId = cluster, BackendId = BackendId, Address = address.Clone() } });
        byte[] remove = FrameEncoder.ToArray(new Request { RemoveBackend = new RemoveBackend { ClusterId = cluster, BackendId = BackendId, Address = address.Clone() } });
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(options.Text("socket")));
        var buffer = new byte[64 * 1024];

        // Not counted: the first commands warm this process and the proxy's command path up.
        var ignored = new ChurnStatistics();
        for (var i = 0; i < 2 * options.Int("warmup-pairs", 0); i++)
        {
            Send(socket, i % 2 == 0 ? add : remove, buffer, ignored);
        }

        var stats = new ChurnStatistics();
        var clock = Stopwatch.StartNew();
        var present = false;
        for (long slot = 0; ; slot++)
        {
            var due = TimeSpan.FromSeconds(slot / rate);
            if (due >= duration)
            {
                break;
            }

            var ahead = due - clock.Elapsed;
            if (ahead > TimeSpan.FromMilliseconds(1))
            {
                Thread.Sleep(ahead);
            }

            if (Send(socket, present ? remove : add, buffer, stats))
            {
                present = !present;
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;
        if (present)
        {
            Send(socket, remove, buffer, ignored);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"applied={stats.Applied} failed={stats.Failed} seconds={seconds:0.00} rate={stats.Applied / seconds:0} " +
            $"p50_us={stats.Percentile(0.50):0} p99_us={stats.Percentile(0.99):0} max_us={stats.Percentile(1.0):0}"));
        if (stats.FirstFailure is not null)
        {
            Console.Error.WriteLine($"first command failure: {stats.FirstFailure}");
        }

        return 0;
    }

    private static bool Send(Socket socket, byte[] frame, byte[] buffer, ChurnStatistics stats)
    {
        var started = Stopwatch.GetTimestamp();
        socket.Send(frame);
        Response response;
        do
        {
            ReadExactly(socket, buffer.AsSpan(0, FrameFormat.HeaderSize));
            var length = BinaryPrimitives.ReadUInt64LittleEndian(buffer);
            if (length < FrameFormat.HeaderSize || length > (ulong)buffer.Length)
            {
                throw new InvalidDataException($"the proxy sent a frame of {length} bytes");
            }

            var payload = buffer.AsSpan(0, (int)length - FrameFormat.HeaderSize);
            ReadExactly(socket, payload);
            response = Response.Parser.ParseFrom(payload);
        }
        while (response.Status == ResponseStatus.Processing);

        if (response.Status != ResponseStatus.Ok)
        {
            stats.Fail(response.Message);
            return false;
        }

        stats.Record(Stopwatch.GetElapsedTime(started));
        return true;
    }

    private static void ReadExactly(Socket socket, Span<byte> destination)
    {
        while (!destination.IsEmpty)
        {
            var read = socket.Receive(destination);
            if (read == 0)
            {
                throw new IOException("the proxy closed the command connection");
            }

            destination = destination[read..];
        }
    }
}
