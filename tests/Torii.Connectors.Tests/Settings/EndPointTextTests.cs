using System.Net;
using Torii.Connectors.Settings;

namespace Torii.Connectors.Tests.Settings;

public sealed class EndPointTextTests
{
    [Theory]
    [InlineData("127.0.0.1:9810", "127.0.0.1", 9810)]
    [InlineData("0.0.0.0:0", "0.0.0.0", 0)]
    [InlineData("[::1]:9810", "::1", 9810)]
    public void Parses_an_address_with_its_port(string text, string address, int port)
    {
        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), port), EndPointText.Parse(text, "healthz_address"));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("localhost:9810")]
    [InlineData("127.0.0.1:")]
    [InlineData("127.0.0.1:99999")]
    [InlineData("127.0.0.1:x")]
    public void Refuses_anything_else(string text)
    {
        var error = Assert.Throws<SettingsException>(() => EndPointText.Parse(text, "healthz_address"));

        Assert.Equal($"healthz_address must be an IP address and a port such as 127.0.0.1:9810, not \"{text}\"", error.Message);
    }
}
