using System.Net.Sockets;

namespace Torii.Protocol.Tests;

public sealed class CommandChannelTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("torii-protocol-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task ServerAndClientExchangeRequestsAndResponsesOverAUnixSocket()
    {
        var endPoint = new UnixDomainSocketEndPoint(Path.Combine(_directory, "command.sock"));
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(endPoint);
        listener.Listen();
        var clientSocket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        Task<Socket> accepting = listener.AcceptAsync();
        await clientSocket.ConnectAsync(endPoint);
        Socket serverSocket = await accepting;

        await using var server = CommandChannel<Request, Response>.Create(new NetworkStream(serverSocket, ownsSocket: true));
        await using var client = CommandChannel<Response, Request>.Create(new NetworkStream(clientSocket, ownsSocket: true));

        await client.WriteAsync(SampleRequests.For(Request.RequestTypeOneofCase.AddCluster));
        await client.WriteAsync(new Request { Logging = "debug" });

        Request? first = await server.ReadAsync();
        Request? second = await server.ReadAsync();
        await server.WriteAsync(Responses.Processing("working"));
        await server.WriteAsync(Responses.Ok("cluster added"));

        Assert.Equal(SampleRequests.For(Request.RequestTypeOneofCase.AddCluster), first);
        Assert.Equal("debug", second?.Logging);
        Assert.Equal(Responses.Processing("working"), await client.ReadAsync());
        Assert.Equal(Responses.Ok("cluster added"), await client.ReadAsync());

        await client.DisposeAsync();
        Assert.Null(await server.ReadAsync());
    }
}
