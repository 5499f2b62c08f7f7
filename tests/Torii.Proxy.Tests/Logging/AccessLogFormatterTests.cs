using System.Net;
using System.Text;
using System.Text.Json;
using Torii.Protocol;
using Torii.Proxy.Logging;
using Torii.Proxy.Tls;

namespace Torii.Proxy.Tests.Logging;

/// <summary>Each format written through a real <see cref="AccessLog"/> and read back; values a client controls cannot forge a field or a record.</summary>
public sealed class AccessLogFormatterTests
{
    /// <summary>Every byte a request line or header could carry that might break a record: CR, LF, NUL, DEL, quotes, backslash, separators, bad UTF-8.</summary>
    private static readonly byte[] Hostile = [.. "a\"b\\c\r\nstatus=999\t\0\u007f} {\"x\":1} "u8, 0xC3, 0xA9, 0xFF, 0xC3];

    private static readonly TlsDetails Tls = new("TLSv1.3", "TLS_AES_256_GCM_SHA384", "app.test", "http/1.1");

    [Fact]
    public async Task Json_escapes_every_hostile_byte_and_keeps_one_object_per_line()
    {
        var bytes = await WriteAsync(AccessLogFormat.Json, log =>
        {
            log.Write(Entry(Hostile));
            log.Write(Entry("/second"u8));
        });

        var lines = Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var document = JsonDocument.Parse(lines[0]);
        var root = document.RootElement;
        var expected = "a\"b\\c\r\nstatus=999\t\0\u007f} {\"x\":1} \u00e9\uFFFD\uFFFD";
        Assert.Equal(expected, root.GetProperty("path").GetString());
        Assert.Equal(expected, root.GetProperty("user_agent").GetString());
        Assert.Equal(200, root.GetProperty("status").GetInt32());
        Assert.Equal("TLSv1.3", root.GetProperty("tls_version").GetString());
        Assert.Equal("127.0.0.9:4242", root.GetProperty("session_address").GetString());
        Assert.Equal("[::1]:8080", root.GetProperty("backend_address").GetString());
        Assert.Equal("/second", JsonDocument.Parse(lines[1]).RootElement.GetProperty("path").GetString());
    }

    [Fact]
    public async Task Json_stays_valid_when_values_are_cut()
    {
        var huge = Enumerable.Repeat((byte)'"', 100_000).ToArray();
        var bytes = await WriteAsync(AccessLogFormat.Json, log => log.Write(Entry(huge)));

        var line = Assert.Single(Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var document = JsonDocument.Parse(line);
        Assert.Equal(JsonLineWriter.MaxValueBytes, document.RootElement.GetProperty("path").GetString()!.Length);
        Assert.Equal(200, document.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Ascii_turns_separators_and_line_ends_into_question_marks()
    {
        var bytes = await WriteAsync(AccessLogFormat.Ascii, log => log.Write(Entry(Hostile)));

        var text = Encoding.ASCII.GetString(bytes);
        var line = Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var fields = line.Split(' ').Skip(1).Select(field => field.Split('=', 2)[0]).ToArray();
        Assert.Equal(
            ["id", "cluster", "backend", "client", "method", "host", "path", "status", "bytes_in", "bytes_out", "service_us", "total_us", "tls_version", "tls_cipher", "tls_sni", "tls_alpn"],
            fields);
        Assert.Contains(" path=a\"b\\c??status=999???}?{\"x\":1}????? status=200 ", line);
        Assert.All(text[..^1], c => Assert.InRange(c, ' ', '~'));
    }

    [Fact]
    public async Task Protobuf_records_are_length_delimited_then_two_zero_bytes()
    {
        var bytes = await WriteAsync(AccessLogFormat.Protobuf, log =>
        {
            log.Write(Entry(Hostile));
            log.Write(Entry("/second"u8, protocol: AccessLogProtocol.Tcp));
        });

        using var input = new MemoryStream(bytes);
        var first = ProtobufAccessLog.Parser.ParseDelimitedFrom(input);
        Assert.Equal((0, 0), (input.ReadByte(), input.ReadByte()));
        var second = ProtobufAccessLog.Parser.ParseDelimitedFrom(input);
        Assert.Equal((0, 0), (input.ReadByte(), input.ReadByte()));
        Assert.Equal(-1, input.ReadByte());

        Assert.Equal("a\"b\\c\r\nstatus=999\t\0\u007f} {\"x\":1} \u00e9\uFFFD\uFFFD", first.Endpoint.Http.Path);
        Assert.Equal(0x0123abcdUL, first.RequestId.High);
        Assert.Equal(0x0000000000000042UL, first.RequestId.Low);
        Assert.Equal("0123abcd0000000000000042", first.XRequestId);
        Assert.Equal(("TLSv1.3", "TLS_AES_256_GCM_SHA384", "app.test", "http/1.1"), (first.TlsVersion, first.TlsCipher, first.TlsSni, first.TlsAlpn));
        Assert.Equal("HTTPS", first.Protocol);
        Assert.Equal(1_500UL, first.ServiceTime);
        Assert.Equal(2_000UL, first.RequestTime);
        Assert.Equal((ulong)(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc) - DateTime.UnixEpoch).Ticks * 100, first.Time.Low);
        Assert.Equal(ProtobufEndpoint.InnerOneofCase.Tcp, second.Endpoint.InnerCase);
        Assert.Equal("TCP", second.Protocol);
    }

    private static AccessLogEntry Entry(ReadOnlySpan<byte> path, AccessLogProtocol protocol = AccessLogProtocol.Https) => new()
    {
        Time = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
        Protocol = protocol,
        RequestId = "0123abcd0000000000000042"u8,
        ClusterId = "app",
        BackendId = "first",
        Client = new IPEndPoint(IPAddress.Parse("127.0.0.9"), 4242),
        BackendAddress = new IPEndPoint(IPAddress.IPv6Loopback, 8080),
        Method = "GET"u8,
        Host = "app.test"u8,
        Path = path,
        UserAgent = path,
        Tls = Tls,
        Status = 200,
        BytesIn = 10,
        BytesOut = 20,
        ServiceMicros = 1_500,
        TotalMicros = 2_000,
    };

    private static async Task<byte[]> WriteAsync(AccessLogFormat format, Action<AccessLog> write)
    {
        using var output = new MemoryStream();
        var log = new AccessLog(output, format);
        write(log);

        await log.DisposeAsync();
        return output.ToArray();
    }
}
