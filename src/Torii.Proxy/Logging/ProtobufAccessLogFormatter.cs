using System.Globalization;
using System.Text;
using Google.Protobuf;
using Torii.Protocol;

namespace Torii.Proxy.Logging;

/// <summary>
/// Sōzu's binary access log: a <see cref="ProtobufAccessLog"/> written as a varint length, the record,
/// then two zero bytes, as Sōzu writes it. Values a client controls are cut to
/// <see cref="MaxValueBytes"/> bytes, so a record always fits <see cref="MaxRecordLength"/>.
/// </summary>
internal static class ProtobufAccessLogFormatter
{
    public const int MaxValueBytes = 1024;

    public const int MaxRecordLength = 16 * 1024;

    /// <summary>The process tag of each record (Sōzu writes its worker's, as "WRK-00").</summary>
    private const string Tag = "torii";

    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;

    public static int Format(in AccessLogEntry entry, Span<byte> destination)
    {
        var record = new ProtobufAccessLog
        {
            RequestId = RequestIdOf(entry.RequestId),
            Protocol = JsonAccessLogFormatter.ProtocolName(entry.Protocol),
            Endpoint = EndpointOf(entry),
            ServiceTime = (ulong)Math.Max(0, entry.ServiceMicros),
            RequestTime = (ulong)Math.Max(0, entry.TotalMicros),
            BytesIn = (ulong)Math.Max(0, entry.BytesIn),
            BytesOut = (ulong)Math.Max(0, entry.BytesOut),
            Tag = Tag,
            Time = new Uint128 { Low = (ulong)((entry.Time.Ticks - UnixEpochTicks) * 100), High = 0 },
        };
        if (!entry.RequestId.IsEmpty)
        {
            record.XRequestId = Text(entry.RequestId);
        }

        SetIfPresent(entry.ClusterId, value => record.ClusterId = value);
        SetIfPresent(entry.BackendId, value => record.BackendId = value);
        if (entry.Client is { } client)
        {
            record.SessionAddress = SocketAddresses.ToProto(client);
        }

        if (entry.BackendAddress is { } backend)
        {
            record.BackendAddress = SocketAddresses.ToProto(backend);
        }

        if (entry.ServiceMicros > 0)
        {
            record.ResponseTime = (ulong)entry.ServiceMicros;
        }

        if (!entry.UserAgent.IsEmpty)
        {
            record.UserAgent = Text(entry.UserAgent);
        }

        if (entry.Tls is { } tls)
        {
            record.TlsVersion = tls.Version;
            record.TlsCipher = tls.Cipher;
            SetIfPresent(tls.Sni, value => record.TlsSni = value);
            SetIfPresent(tls.Alpn, value => record.TlsAlpn = value);
        }

        var size = record.CalculateSize();
        var prefix = CodedOutputStream.ComputeLengthSize(size);
        WriteVarint(destination, (uint)size);
        record.WriteTo(destination.Slice(prefix, size));
        destination[prefix + size] = 0;
        destination[prefix + size + 1] = 0;
        return prefix + size + 2;
    }

    private static ProtobufEndpoint EndpointOf(in AccessLogEntry entry)
    {
        if (entry.Protocol == AccessLogProtocol.Tcp)
        {
            return new ProtobufEndpoint { Tcp = new TcpEndpoint() };
        }

        var http = new HttpEndpoint();
        if (!entry.Method.IsEmpty)
        {
            http.Method = Text(entry.Method);
        }

        if (!entry.Host.IsEmpty)
        {
            http.Authority = Text(entry.Host);
        }

        if (!entry.Path.IsEmpty)
        {
            http.Path = Text(entry.Path);
        }

        if (entry.Status > 0)
        {
            http.Status = (uint)entry.Status;
        }

        return new ProtobufEndpoint { Http = http };
    }

    /// <summary>Torii's id is 24 hex digits (96 bits): the first 8 go to the high half, the last 16 to the low one.</summary>
    private static Uint128 RequestIdOf(ReadOnlySpan<byte> id)
    {
        var text = Encoding.ASCII.GetString(id);
        return text.Length == 24
            && ulong.TryParse(text.AsSpan(0, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var high)
            && ulong.TryParse(text.AsSpan(8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var low)
            ? new Uint128 { High = high, Low = low }
            : new Uint128 { High = 0, Low = 0 };
    }

    /// <summary>Request bytes as a protobuf string: cut, and invalid UTF-8 replaced, since a string field must be UTF-8.</summary>
    private static string Text(ReadOnlySpan<byte> value) =>
        Encoding.UTF8.GetString(value.Length > MaxValueBytes ? value[..MaxValueBytes] : value);

    private static void SetIfPresent(string? value, Action<string> set)
    {
        if (!string.IsNullOrEmpty(value))
        {
            set(value);
        }
    }

    private static void WriteVarint(Span<byte> destination, uint value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i] = (byte)value;
    }
}
