using System.Text;
using Torii.Proxy.Routing;

namespace Torii.Proxy.Tests.Routing;

public sealed class HostNameTests
{
    [Theory]
    [InlineData("example.com", "example.com")]
    [InlineData("example.com:8080", "example.com")]
    [InlineData("example.com.", "example.com")]
    [InlineData("example.com.:443", "example.com")]
    [InlineData("  Example.COM \t", "Example.COM")]
    [InlineData("[::1]:8080", "[::1]")]
    [InlineData("[::1]", "[::1]")]
    [InlineData("[::1", "")]
    [InlineData(":80", "")]
    [InlineData("", "")]
    public void HostHeaderValuesAreReducedToTheHost(string header, string expected)
    {
        Assert.Equal(expected, Encoding.ASCII.GetString(HostName.FromHeader(Encoding.ASCII.GetBytes(header))));
    }

    [Theory]
    [InlineData("Example.COM", "example.com")]
    [InlineData("example.com.", "example.com")]
    [InlineData("*.Example.com", "*.example.com")]
    [InlineData("[::1]", "[::1]")]
    public void ConfiguredHostnamesAreNormalized(string hostname, string expected)
    {
        Assert.True(HostName.TryNormalize(hostname, out string? normalized, out _));
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("exa mple.com")]
    [InlineData("example.com:80")]
    [InlineData("[::1]:80")]
    [InlineData("*")]
    [InlineData("*.")]
    [InlineData("a.*.example.com")]
    [InlineData("*foo.example.com")]
    [InlineData("*.*.example.com")]
    [InlineData("example.com/path")]
    public void MalformedHostnamesAreRejected(string hostname)
    {
        Assert.False(HostName.TryNormalize(hostname, out _, out string? error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}
