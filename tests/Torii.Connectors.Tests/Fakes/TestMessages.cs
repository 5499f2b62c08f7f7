using System.Net;
using System.Text;
using Google.Protobuf;
using Torii.Connectors.Applying;
using Torii.Protocol;

namespace Torii.Connectors.Tests.Fakes;

internal static class TestMessages
{
    /// <summary>add_backend of backend <paramref name="id"/>, so a test can tell requests apart by backend id.</summary>
    public static Request AddBackend(string id) => new()
    {
        AddBackend = new AddBackend
        {
            ClusterId = "app",
            BackendId = id,
            Address = SocketAddresses.ToProto(new IPEndPoint(IPAddress.Loopback, 9000)),
        },
    };

    public static SourceMessage Protobuf(string id) => new(id, AddBackend(id).ToByteArray(), RequestDecoder.ProtobufContentType);

    public static SourceMessage Json(string id) =>
        new(id, Encoding.UTF8.GetBytes(ProtocolJson.Format(AddBackend(id))), "application/json; charset=utf-8");

    public static SourceMessage Garbage(string id) => new(id, new byte[] { 0xff, 0xff, 0xff, 0x01 }, null);

    public static string BackendIdOf(Request request) => request.AddBackend.BackendId;
}
