using Google.Protobuf;
using Torii.Connectors.Applying;
using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;

namespace Torii.Connectors.Tests.Applying;

/// <summary>
/// The sample messages (every *.json under examples/bus-messages) decode as a connector decodes a message with content
/// type application/json, and pass the proxy's request validation.
/// </summary>
public sealed class ExampleBusMessagesTests
{
    public static TheoryData<string> Messages() => RepositoryPaths.Examples("*.json", "bus-messages");

    [Theory]
    [MemberData(nameof(Messages))]
    public void The_message_is_one_valid_request(string relativePath)
    {
        byte[] body = File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, relativePath));

        DecodedRequest decoded = RequestDecoder.Decode(body, RequestDecoder.JsonContentType);

        Assert.True(decoded.Request is not null, $"{relativePath}: {decoded.Error}");
        Assert.Null(RequestValidator.Validate(decoded.Request));
        Assert.True(SupportedRequests.IsSupported(decoded.Request));
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void The_protobuf_form_of_the_message_decodes_to_the_same_request(string relativePath)
    {
        Request request = RequestDecoder.Decode(File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, relativePath)), RequestDecoder.JsonContentType).Request!;

        DecodedRequest fromProtobuf = RequestDecoder.Decode(request.ToByteArray(), contentType: null);

        Assert.Equal(request, fromProtobuf.Request);
    }
}
