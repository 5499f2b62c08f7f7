using RequestCase = Torii.Protocol.Request.RequestTypeOneofCase;

namespace Torii.Protocol.Tests;

public sealed class ProtocolJsonTests
{
    public static TheoryData<string> SupportedCaseNames()
    {
        var data = new TheoryData<string>();
        foreach (RequestCase requestCase in SupportedRequests.All)
        {
            data.Add(RequestNames.Of(requestCase));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SupportedCaseNames))]
    public void EveryImplementedRequestRoundTripsThroughJson(string name)
    {
        Assert.True(RequestNames.TryParse(name, out RequestCase requestCase));
        Request request = SampleRequests.For(requestCase);

        string json = ProtocolJson.Format(request);
        Request parsed = ProtocolJson.ParseRequest(json);

        Assert.Equal(request, parsed);
        Assert.Contains($"\"{name}\"", json);
        Assert.DoesNotContain('\n', json);
    }

    [Fact]
    public void FormatKeepsProtoFieldNamesAndEnumNames()
    {
        string json = ProtocolJson.Format(new Request { AddCluster = SampleRequests.Cluster() });

        Assert.Contains("\"add_cluster\"", json);
        Assert.Contains("\"cluster_id\":\"app\"", json.Replace(" ", ""));
        Assert.Contains("\"load_balancing\":\"ROUND_ROBIN\"", json.Replace(" ", ""));
        Assert.DoesNotContain("clusterId", json);
    }

    [Fact]
    public void ParsesSnakeCaseAndLowerCamelCaseAlike()
    {
        Request snake = ProtocolJson.ParseRequest(
            """{"add_backend":{"cluster_id":"app","backend_id":"b1","address":{"ip":{"v4":2130706433},"port":8080},"load_balancing_parameters":{"weight":10}}}""");
        Request camel = ProtocolJson.ParseRequest(
            """{"addBackend":{"clusterId":"app","backendId":"b1","address":{"ip":{"v4":2130706433},"port":8080},"loadBalancingParameters":{"weight":10}}}""");

        Assert.Equal(snake, camel);
        Assert.Equal("127.0.0.1:8080", SocketAddresses.Format(snake.AddBackend.Address));
        Assert.Equal(10, snake.AddBackend.LoadBalancingParameters.Weight);
    }

    [Fact]
    public void ParsesTheLoggingCaseByItsCapitalisedName()
    {
        Assert.Equal("info", ProtocolJson.ParseRequest("""{"Logging":"info"}""").Logging);
    }

    [Fact]
    public void ParsesIPv6HalvesWrittenAsStrings()
    {
        Request request = ProtocolJson.ParseRequest(
            """{"remove_listener":{"address":{"ip":{"v6":{"high":"2306139568115548160","low":"1"}},"port":443},"proxy":"HTTPS"}}""");

        Assert.Equal("[2001:db8::1]:443", SocketAddresses.Format(request.RemoveListener.Address));
        Assert.Equal(ListenerType.Https, request.RemoveListener.Proxy);
    }

    [Theory]
    [InlineData("""{"add_cluster":{"cluster_id":"a","unknown_field":1}}""", "unknown_field")]
    [InlineData("""{"no_such_request":{}}""", "no_such_request")]
    [InlineData("""{"add_cluster":{"cluster_id":"a","load_balancing":"FASTEST"}}""", "FASTEST")]
    [InlineData("""{"add_cluster":{"cluster_id":5}}""", "")]
    [InlineData("""{"add_cluster":{"cluster_id":"a"}} trailing""", "")]
    [InlineData("""{"add_cluster":{"cluster_id":"a"},"remove_cluster":"b"}""", "")]
    [InlineData("""{"add_backend":{"address":{"port":-1}}}""", "")]
    [InlineData("""[1,2]""", "")]
    [InlineData("""not json""", "")]
    [InlineData("", "")]
    public void RefusesInvalidJsonInsteadOfIgnoringIt(string json, string mentioned)
    {
        var error = Assert.Throws<MalformedJsonException>(() => ProtocolJson.ParseRequest(json));

        Assert.StartsWith("invalid JSON Request", error.Message);
        Assert.Contains(mentioned, error.Message);
        Assert.IsAssignableFrom<ProtocolException>(error);
    }

    [Fact]
    public void ResponsesRoundTripToo()
    {
        Response response = Responses.Ok("ok", new ResponseContent
        {
            RequestCounts = new RequestCounts { Map = { ["add_cluster"] = 3 } },
        });

        Response parsed = ProtocolJson.ParseResponse(ProtocolJson.Format(response));

        Assert.Equal(response, parsed);
        Assert.Contains("\"request_counts\"", ProtocolJson.Format(response));
    }

    [Fact]
    public void IndentedFormParsesBackToTheSameMessage()
    {
        Request request = SampleRequests.For(RequestCase.AddHttpsListener);

        string json = ProtocolJson.FormatIndented(request);

        Assert.Contains('\n', json);
        Assert.Equal(request, ProtocolJson.ParseRequest(json));
    }
}
