using System.Buffers.Binary;
using System.Net.Sockets;
using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;

namespace Torii.EndToEnd.Tests;

/// <summary>Bad commands get a FAILURE that names the problem, and leave the state and other clients untouched.</summary>
public sealed class CommandChannelTests
{
    [Fact]
    public async Task Command_socket_is_owner_only()
    {
        await using var torii = await ToriiProcess.StartAsync("");
        var mode = File.GetUnixFileMode(torii.SocketPath);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }

    [Fact]
    public async Task Invalid_requests_fail_with_a_reason_and_change_nothing()
    {
        await using var proxy = await HttpProxyFixture.StartAsync();
        await proxy.RouteAppToFirstAsync();
        var before = await proxy.Torii.MustAsync(new Request { QueryClustersHashes = new QueryClustersHashes() });

        await AssertFailsAsync(proxy.Torii, Requests.Backend("nope", "b", proxy.First), "nope");
        await AssertFailsAsync(proxy.Torii, Requests.Backend("app", "first", proxy.Second), "already exists");
        await AssertFailsAsync(proxy.Torii, Requests.AddFrontend("app", proxy.HttpPort, "app.test"), "already exists");
        await AssertFailsAsync(proxy.Torii, Requests.AddFrontend("ghost", proxy.HttpPort, "ghost.test"), "ghost");
        await AssertFailsAsync(proxy.Torii, Requests.AddFrontend("app", FreePort.Next(), "elsewhere.test"), "listener");
        await AssertFailsAsync(proxy.Torii, Requests.Backend("app", "zero", 0), "port");
        await AssertFailsAsync(proxy.Torii, Requests.RemoveBackend("app", "missing", proxy.First.Port), "missing");
        await AssertFailsAsync(proxy.Torii, Requests.RemoveCluster("missing"), "missing");
        await AssertFailsAsync(proxy.Torii, Requests.HttpListener(proxy.HttpPort), "already");
        await AssertFailsAsync(proxy.Torii, new Request { AddUdpListener = new Unsupported() }, "unsupported request: add_udp_listener");

        var after = await proxy.Torii.MustAsync(new Request { QueryClustersHashes = new QueryClustersHashes() });
        Assert.Equal(before.Content.ClusterHashes.Map, after.Content.ClusterHashes.Map);
        Assert.Equal(200, (await proxy.GetAsync("app.test")).StatusCode);
    }

    /// <summary>
    /// The cluster is encoded by hand with Sōzu 2.1's field numbers (add_cluster = 13; in Cluster,
    /// cluster_id = 1, http2 = 8, udp = 16), as a Sōzu producer would send it.
    /// </summary>
    [Fact]
    public async Task A_Sozu_field_Torii_does_not_carry_out_is_refused_by_name_and_changes_nothing()
    {
        await using var torii = await ToriiProcess.StartAsync("");
        var request = SozuAddCluster(output =>
        {
            output.WriteTag(16, Google.Protobuf.WireFormat.WireType.LengthDelimited);
            output.WriteLength(0);
        });

        await AssertFailsAsync(torii, request, "unsupported field Cluster.udp");

        var clusters = await torii.MustAsync(new Request { QueryClustersHashes = new QueryClustersHashes() });
        Assert.Empty(clusters.Content.ClusterHashes.Map);
    }

    [Fact]
    public async Task A_Sozu_http2_cluster_is_carried_out()
    {
        await using var torii = await ToriiProcess.StartAsync("");
        await torii.MustAsync(SozuAddCluster(output =>
        {
            output.WriteTag(8, Google.Protobuf.WireFormat.WireType.Varint);
            output.WriteBool(true);
        }));

        var stored = await torii.MustAsync(new Request { QueryClusterById = "sozu-app" });
        Assert.True(Assert.Single(stored.Content.Clusters.Vec).Configuration.Http2);
    }

    private static Request SozuAddCluster(Action<Google.Protobuf.CodedOutputStream> field)
    {
        var cluster = new MemoryStream();
        var clusterOutput = new Google.Protobuf.CodedOutputStream(cluster);
        clusterOutput.WriteTag(1, Google.Protobuf.WireFormat.WireType.LengthDelimited);
        clusterOutput.WriteString("sozu-app");
        field(clusterOutput);
        clusterOutput.Flush();
        var request = new MemoryStream();
        var requestOutput = new Google.Protobuf.CodedOutputStream(request);
        requestOutput.WriteTag(13, Google.Protobuf.WireFormat.WireType.LengthDelimited);
        requestOutput.WriteBytes(Google.Protobuf.ByteString.CopyFrom(cluster.ToArray()));
        requestOutput.Flush();
        return Request.Parser.ParseFrom(request.ToArray());
    }

    [Fact]
    public async Task Listener_on_a_port_in_use_fails()
    {
        await using var torii = await ToriiProcess.StartAsync("");
        using var occupier = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        occupier.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        occupier.Listen();
        var port = ((System.Net.IPEndPoint)occupier.LocalEndPoint!).Port;

        await AssertFailsAsync(torii, Requests.HttpListener(port), "in use");
        var listeners = await torii.MustAsync(new Request { ListListeners = new ListListeners() });
        Assert.Empty(listeners.Content.ListenersList.HttpListeners);
    }

    [Theory]
    [InlineData("length smaller than its own header", 4UL, 0)]
    [InlineData("length larger than the limit", 64UL * 1024 * 1024, 0)]
    [InlineData("payload that is not protobuf", 8UL + 4, 4)]
    public async Task Malformed_frames_get_a_failure_and_a_close_while_other_clients_carry_on(string shape, ulong declaredLength, int payloadLength)
    {
        await using var torii = await ToriiProcess.StartAsync("");
        await using var bystander = new Client.ToriiClient(new Client.ToriiClientOptions { SocketPath = torii.SocketPath, PoolSize = 1 });
        Assert.Equal(ResponseStatus.Ok, (await bystander.SendAsync(new Request { Status = new Status() })).Status);

        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(torii.SocketPath));
        var frame = new byte[8 + payloadLength];
        BinaryPrimitives.WriteUInt64LittleEndian(frame, declaredLength);
        frame.AsSpan(8).Fill(0xFF);
        await socket.SendAsync(frame);

        var response = await ReadResponseAsync(socket);
        Assert.True(response.Status == ResponseStatus.Failure, shape);
        var buffer = new byte[16];
        Assert.Equal(0, await socket.ReceiveAsync(buffer));
        Assert.Equal(ResponseStatus.Ok, (await bystander.SendAsync(new Request { Status = new Status() })).Status);
    }

    private static async Task AssertFailsAsync(ToriiProcess torii, Request request, string expectedInMessage)
    {
        var response = await torii.SendAsync(request);
        Assert.Equal(ResponseStatus.Failure, response.Status);
        Assert.Contains(expectedInMessage, response.Message, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<Response> ReadResponseAsync(Socket socket)
    {
        var header = new byte[8];
        await ReceiveExactlyAsync(socket, header);
        var length = (int)BinaryPrimitives.ReadUInt64LittleEndian(header) - 8;
        var payload = new byte[length];
        await ReceiveExactlyAsync(socket, payload);
        return Response.Parser.ParseFrom(payload);
    }

    private static async Task ReceiveExactlyAsync(Socket socket, byte[] buffer)
    {
        var received = 0;
        while (received < buffer.Length)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(received));
            if (read == 0)
            {
                throw new IOException("closed early");
            }

            received += read;
        }
    }
}
