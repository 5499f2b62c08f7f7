using System.Text;
using Torii.Proxy.ProxyProtocol;

namespace Torii.Proxy.Tests.ProxyProtocol;

public sealed class PrefixedStreamTests
{
    [Fact]
    public async Task Bytes_read_with_the_header_come_first_then_the_inner_stream()
    {
        var inner = new MemoryStream(Encoding.ASCII.GetBytes("rest of the request"));
        await using var stream = new PrefixedStream(Encoding.ASCII.GetBytes("GET / "), inner);

        var small = new byte[4];
        Assert.Equal(0, await stream.ReadAsync(Memory<byte>.Empty));
        Assert.Equal(4, await stream.ReadAsync(small));
        Assert.Equal("GET ", Encoding.ASCII.GetString(small));
        using var all = new MemoryStream();
        await stream.CopyToAsync(all);

        Assert.Equal("/ rest of the request", Encoding.ASCII.GetString(all.ToArray()));
    }

    [Fact]
    public async Task Writes_go_to_the_inner_stream_and_disposing_closes_it()
    {
        var inner = new MemoryStream();
        var stream = new PrefixedStream(ReadOnlyMemory<byte>.Empty, inner);

        await stream.WriteAsync("HTTP/1.1 200 OK\r\n"u8.ToArray());
        Assert.Equal(17, inner.Length);
        await stream.DisposeAsync();

        Assert.False(inner.CanRead);
    }
}
