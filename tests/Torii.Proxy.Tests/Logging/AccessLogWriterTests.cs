using System.Diagnostics;
using System.Net;
using System.Text;
using Torii.Proxy.Logging;

namespace Torii.Proxy.Tests.Logging;

/// <summary>The access log's writer thread: records reach the output on their own, in order, gathered into few writes.</summary>
public sealed class AccessLogWriterTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Records_reach_the_output_without_disposal_in_order_and_a_stream_of_them_in_few_writes()
    {
        var output = new CountingStream();
        var log = new AccessLog(output);
        const int records = 100;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < records; i++)
        {
            log.Write(Entry($"/r{i}"));

            // A request every millisecond or so: a writer woken per record would write about once per record.
            Thread.Sleep(1);
        }

        var elapsed = clock.Elapsed;
        var lines = await output.WaitForLinesAsync(records, Bound);
        Assert.Equal(Enumerable.Range(0, records).Select(i => $"/r{i}"), lines.Select(PathOf));

        // One write per flush delay at most, and one more for the records written while the last delay ran out.
        Assert.InRange(output.Writes, 1, (int)(elapsed / AccessLog.FlushDelay) + 2);
        await log.DisposeAsync();
    }

    [Fact]
    public async Task Disposal_writes_what_is_still_gathering_and_stops_the_writer()
    {
        var output = new CountingStream();
        var log = new AccessLog(output);
        log.Write(Entry("/last"));

        await log.DisposeAsync().AsTask().WaitAsync(Bound);

        Assert.Equal(["/last"], output.Lines().Select(PathOf));
    }

    private static string PathOf(string line) => line.Split(' ').Single(field => field.StartsWith("path=", StringComparison.Ordinal))["path=".Length..];

    private static AccessLogEntry Entry(string path) => new()
    {
        Time = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
        Protocol = AccessLogProtocol.Http,
        RequestId = "0123abcd0000000000000042"u8,
        ClusterId = "app",
        BackendId = "first",
        Client = new IPEndPoint(IPAddress.Loopback, 4242),
        BackendAddress = new IPEndPoint(IPAddress.Loopback, 8080),
        Method = "GET"u8,
        Host = "app.test"u8,
        Path = Encoding.ASCII.GetBytes(path),
        Status = 200,
    };
}
