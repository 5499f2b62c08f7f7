using RequestCase = Torii.Protocol.Request.RequestTypeOneofCase;

namespace Torii.Protocol.Tests;

public sealed class RequestNamesTests
{
    [Theory]
    [InlineData(RequestCase.AddCluster, "add_cluster")]
    [InlineData(RequestCase.SaveState, "save_state")]
    [InlineData(RequestCase.QueryCertificatesFromTheState, "query_certificates_from_the_state")]
    [InlineData(RequestCase.Logging, "Logging")]
    [InlineData(RequestCase.RemoveUdpFrontend, "remove_udp_frontend")]
    [InlineData(RequestCase.None, "none")]
    public void NameIsTheProtoFieldName(RequestCase requestCase, string expected)
    {
        Assert.Equal(expected, RequestNames.Of(requestCase));
    }

    [Fact]
    public void NameOfARequestIsTheNameOfItsSetCase()
    {
        Assert.Equal("add_backend", RequestNames.Of(new Request { AddBackend = new AddBackend() }));
        Assert.Equal("none", RequestNames.Of(new Request()));
    }

    [Fact]
    public void EveryCaseHasADistinctNameThatParsesBack()
    {
        RequestCase[] cases = Enum.GetValues<RequestCase>().Where(c => c != RequestCase.None).ToArray();

        Assert.Equal(cases.Length, cases.Select(RequestNames.Of).Distinct().Count());
        foreach (RequestCase requestCase in cases)
        {
            Assert.True(RequestNames.TryParse(RequestNames.Of(requestCase), out RequestCase parsed));
            Assert.Equal(requestCase, parsed);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("none")]
    [InlineData("AddCluster")]
    [InlineData(null)]
    public void UnknownNamesDoNotParse(string? name)
    {
        Assert.False(RequestNames.TryParse(name, out RequestCase parsed));
        Assert.Equal(RequestCase.None, parsed);
    }
}
