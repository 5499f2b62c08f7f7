namespace Torii.Protocol.Tests;

public sealed class ResponsesTests
{
    [Fact]
    public void OkCarriesMessageAndContent()
    {
        var content = new ResponseContent { ClusterHashes = new ClusterHashes { Map = { ["app"] = 42 } } };

        Response response = Responses.Ok("done", content);

        Assert.Equal(ResponseStatus.Ok, response.Status);
        Assert.True(response.HasStatus);
        Assert.Equal("done", response.Message);
        Assert.Same(content, response.Content);
    }

    [Fact]
    public void OkWithoutArgumentsHasAnEmptyMessageAndNoContent()
    {
        Response response = Responses.Ok();

        Assert.Equal(ResponseStatus.Ok, response.Status);
        Assert.True(response.HasMessage);
        Assert.Equal("", response.Message);
        Assert.Null(response.Content);
    }

    [Fact]
    public void ProcessingAndFailureSetTheirStatus()
    {
        Assert.Equal(ResponseStatus.Processing, Responses.Processing("wait").Status);
        Assert.Equal("wait", Responses.Processing("wait").Message);
        Assert.Equal(ResponseStatus.Failure, Responses.Failure("no").Status);
        Assert.Equal("no", Responses.Failure("no").Message);
    }

    [Fact]
    public void StatusSurvivesTheWire()
    {
        foreach (Response response in new[] { Responses.Ok("a"), Responses.Processing("b"), Responses.Failure("c") })
        {
            Assert.Equal(response, Response.Parser.ParseFrom(FrameEncoder.ToArray(response).AsSpan(8)));
        }
    }
}
