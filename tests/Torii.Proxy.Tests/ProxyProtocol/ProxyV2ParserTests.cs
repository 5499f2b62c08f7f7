using System.Buffers.Binary;
using System.Net;
using Torii.Proxy.Backends;
using Torii.Proxy.ProxyProtocol;

namespace Torii.Proxy.Tests.ProxyProtocol;

/// <summary>The binary header of haproxy's proxy-protocol.txt, section 2.2.</summary>
public sealed class ProxyV2ParserTests
{
    private static readonly IPEndPoint Client4 = new(IPAddress.Parse("203.0.113.9"), 40000);
    private static readonly IPEndPoint Listener4 = new(IPAddress.Parse("198.51.100.2"), 8443);

    [Fact]
    public void Ipv4_proxy_header_as_torii_sends_it_is_read_back()
    {
        var bytes = Written(Client4, Listener4);

        var result = ProxyHeaderParser.Parse(bytes);

        Assert.Equal(ProxyParseStatus.Complete, result.Status);
        Assert.Equal(2, result.Header.Version);
        Assert.Equal(16 + 12, result.Header.Length);
        Assert.Equal(Client4, result.Header.Source);
        Assert.Equal(Listener4, result.Header.Destination);
    }

    [Fact]
    public void Ipv6_proxy_header_is_read_back()
    {
        var client = new IPEndPoint(IPAddress.Parse("2001:db8::42"), 1234);
        var listener = new IPEndPoint(IPAddress.Parse("2001:db8::1"), 443);

        var result = ProxyHeaderParser.Parse(Written(client, listener));

        Assert.Equal(16 + 36, result.Header.Length);
        Assert.Equal(client, result.Header.Source);
        Assert.Equal(listener, result.Header.Destination);
    }

    [Fact]
    public void Tlvs_after_the_addresses_are_skipped_and_counted_in_the_length()
    {
        // PP2_TYPE_ALPN "h2" and PP2_TYPE_AUTHORITY "app.test".
        byte[] tlvs = [0x01, 0x00, 0x02, (byte)'h', (byte)'2', 0x02, 0x00, 0x08, .. "app.test"u8];
        var bytes = Header(command: 0x21, family: 0x11, [.. Addresses4(Client4, Listener4), .. tlvs]);

        var result = ProxyHeaderParser.Parse([.. bytes, .. "GET"u8]);

        Assert.Equal(ProxyParseStatus.Complete, result.Status);
        Assert.Equal(bytes.Length, result.Header.Length);
        Assert.Equal(Client4, result.Header.Source);
    }

    [Fact]
    public void Local_command_keeps_the_connection_address()
    {
        var result = ProxyHeaderParser.Parse(Header(command: 0x20, family: 0x00, []));

        Assert.Equal(ProxyParseStatus.Complete, result.Status);
        Assert.Equal(16, result.Header.Length);
        Assert.Null(result.Header.Source);
    }

    [Fact]
    public void Local_command_with_addresses_still_keeps_the_connection_address()
    {
        var result = ProxyHeaderParser.Parse(Header(command: 0x20, family: 0x11, Addresses4(Client4, Listener4)));

        Assert.Equal(ProxyParseStatus.Complete, result.Status);
        Assert.Null(result.Header.Source);
    }

    [Fact]
    public void Unspecified_and_unix_families_keep_the_connection_address()
    {
        Assert.Null(ProxyHeaderParser.Parse(Header(0x21, 0x00, [])).Header.Source);
        var unix = ProxyHeaderParser.Parse(Header(0x21, 0x31, new byte[216]));
        Assert.Equal(ProxyParseStatus.Complete, unix.Status);
        Assert.Null(unix.Header.Source);
    }

    [Fact]
    public void Truncated_header_is_incomplete_and_says_how_long_it_is()
    {
        var bytes = Written(Client4, Listener4);

        Assert.Equal(ProxyParseStatus.Incomplete, ProxyHeaderParser.Parse(bytes.AsSpan(0, 5)).Status);
        var partial = ProxyHeaderParser.Parse(bytes.AsSpan(0, 20));
        Assert.Equal(ProxyParseStatus.Incomplete, partial.Status);
        Assert.Equal(28, partial.Needed);
    }

    [Fact]
    public void Header_longer_than_the_cap_is_invalid_before_it_is_read()
    {
        var bytes = Header(0x21, 0x11, Addresses4(Client4, Listener4));
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(14), 60_000);

        var result = ProxyHeaderParser.Parse(bytes);

        Assert.Equal(ProxyParseStatus.Invalid, result.Status);
        Assert.Contains("larger", result.Error);
    }

    [Theory]
    [InlineData(0x11, 0x11)] // version 1 in a binary header
    [InlineData(0x22, 0x11)] // command 2
    [InlineData(0x21, 0x41)] // family 4
    [InlineData(0x21, 0x13)] // transport 3
    public void Unknown_version_command_family_or_transport_is_invalid(byte versionCommand, byte familyTransport) =>
        Assert.Equal(ProxyParseStatus.Invalid, ProxyHeaderParser.Parse(Header(versionCommand, familyTransport, Addresses4(Client4, Listener4))).Status);

    [Fact]
    public void Addresses_shorter_than_the_family_needs_are_invalid()
    {
        Assert.Equal(ProxyParseStatus.Invalid, ProxyHeaderParser.Parse(Header(0x21, 0x11, new byte[11])).Status);
        Assert.Equal(ProxyParseStatus.Invalid, ProxyHeaderParser.Parse(Header(0x21, 0x21, new byte[35])).Status);
    }

    [Fact]
    public void Signature_mismatch_is_invalid_at_once()
    {
        byte[] bytes = [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0B];

        Assert.Equal(ProxyParseStatus.Invalid, ProxyHeaderParser.Parse(bytes).Status);
        Assert.Equal(ProxyParseStatus.Invalid, ProxyHeaderParser.Parse([0x16, 0x03, 0x01]).Status);
    }

    [Fact]
    public void Every_prefix_and_every_byte_change_of_a_header_parses_without_throwing()
    {
        var bytes = Written(new IPEndPoint(IPAddress.Parse("2001:db8::42"), 1234), new IPEndPoint(IPAddress.Parse("2001:db8::1"), 443));
        var changed = 0;
        for (var length = 0; length <= bytes.Length; length++)
        {
            var status = ProxyHeaderParser.Parse(bytes.AsSpan(0, length)).Status;
            Assert.Equal(length == bytes.Length ? ProxyParseStatus.Complete : ProxyParseStatus.Incomplete, status);
        }

        for (var index = 0; index < bytes.Length; index++)
        {
            foreach (var value in new byte[] { 0x00, 0x7F, 0xFF })
            {
                var copy = bytes.ToArray();
                copy[index] = value;
                changed += ProxyHeaderParser.Parse(copy).Status == ProxyParseStatus.Invalid ? 1 : 0;
            }
        }

        Assert.True(changed > 0);
    }

    private static byte[] Written(IPEndPoint source, IPEndPoint target)
    {
        var buffer = new byte[ProxyProtocolV2.MaxLength];
        return buffer[..ProxyProtocolV2.Write(buffer, source, target)];
    }

    private static byte[] Addresses4(IPEndPoint source, IPEndPoint target)
    {
        var bytes = new byte[12];
        source.Address.TryWriteBytes(bytes, out _);
        target.Address.TryWriteBytes(bytes.AsSpan(4), out _);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(8), (ushort)source.Port);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(10), (ushort)target.Port);
        return bytes;
    }

    private static byte[] Header(byte command, byte family, byte[] body)
    {
        var bytes = new byte[16 + body.Length];
        ProxyV2Parser.Signature.CopyTo(bytes);
        bytes[12] = command;
        bytes[13] = family;
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(14), (ushort)body.Length);
        body.CopyTo(bytes, 16);
        return bytes;
    }
}
