using System.Text;
using Google.Protobuf;
using Torii.Connectors.Applying;
using Torii.Connectors.Tests.Fakes;
using Torii.Protocol;

namespace Torii.Connectors.Tests.Applying;

public sealed class RequestDecoderTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("application/x-protobuf")]
    [InlineData("application/octet-stream")]
    public void Bodies_without_the_json_content_type_are_protobuf(string? contentType)
    {
        Request request = TestMessages.AddBackend("b1");

        DecodedRequest decoded = RequestDecoder.Decode(request.ToByteArray(), contentType);

        Assert.Equal(request, decoded.Request);
        Assert.Null(decoded.Error);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("Application/JSON")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData(" application/json ")]
    public void Bodies_with_the_json_content_type_are_json(string contentType)
    {
        Request request = TestMessages.AddBackend("b1");

        DecodedRequest decoded = RequestDecoder.Decode(Encoding.UTF8.GetBytes(ProtocolJson.Format(request)), contentType);

        Assert.Equal(request, decoded.Request);
    }

    [Fact]
    public void Sozu_style_snake_case_json_with_enums_by_name_is_understood()
    {
        const string json = """{"add_cluster": {"cluster_id": "web", "load_balancing": "ROUND_ROBIN", "sticky_session": false, "https_redirect": false}}""";

        DecodedRequest decoded = RequestDecoder.Decode(Encoding.UTF8.GetBytes(json), "application/json");

        Assert.Equal("web", decoded.Request!.AddCluster.ClusterId);
    }

    [Fact]
    public void Invalid_protobuf_is_undecodable()
    {
        DecodedRequest decoded = RequestDecoder.Decode(new byte[] { 0xff, 0xff, 0xff, 0x01 }, null);

        Assert.Null(decoded.Request);
        Assert.StartsWith("invalid protobuf Request", decoded.Error);
    }

    [Fact]
    public void A_protobuf_body_holding_no_request_is_undecodable()
    {
        DecodedRequest decoded = RequestDecoder.Decode(ReadOnlyMemory<byte>.Empty, null);

        Assert.Equal("the message holds no request", decoded.Error);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"no_such_request\": {}}")]
    [InlineData("{\"add_cluster\": {\"cluster_id\": \"a\"}} trailing")]
    public void Invalid_json_is_undecodable(string json)
    {
        DecodedRequest decoded = RequestDecoder.Decode(Encoding.UTF8.GetBytes(json), "application/json");

        Assert.Null(decoded.Request);
        Assert.Contains("JSON", decoded.Error);
    }

    [Fact]
    public void Json_that_is_not_utf8_is_undecodable()
    {
        DecodedRequest decoded = RequestDecoder.Decode(new byte[] { 0x7b, 0xc3, 0x28, 0x7d }, "application/json");

        Assert.Equal("the JSON body is not valid UTF-8", decoded.Error);
    }

    [Fact]
    public void A_protobuf_body_with_a_nested_length_near_int_max_is_undecodable()
    {
        // The command-frame crash of the fuzz harness, as a message body: add_cluster claiming 0x7fffffff bytes.
        DecodedRequest decoded = RequestDecoder.Decode(Convert.FromHexString("6affffffff07"), contentType: null);

        Assert.Null(decoded.Request);
        Assert.NotNull(decoded.Error);
    }
}
