using System.Net;
using System.Net.Sockets;
using Torii.Proxy.Upgrade;

namespace Torii.Proxy.Tests.Upgrade;

public sealed class DescriptorPassingTests
{
    [Fact]
    public async Task A_listening_socket_sent_over_a_unix_socket_accepts_the_connections_queued_on_the_original()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(16);
        var (sender, receiver) = await ConnectedPairAsync();
        using (sender)
        using (receiver)
        {
            var payload = new byte[] { 1, 2, 3, 4, 5, 6 };
            DescriptorPassing.Send(sender, payload, [(int)listener.SafeHandle.DangerousGetHandle()]);

            var descriptors = new List<int>();
            var buffer = new byte[4];
            var read = DescriptorPassing.Receive(receiver, buffer, descriptors);

            Assert.Equal(4, read);
            Assert.Equal(payload[..4], buffer);
            var rest = new byte[2];
            Assert.Equal(2, receiver.Receive(rest));
            Assert.Equal(payload[4..], rest);
            var descriptor = Assert.Single(descriptors);
            Assert.NotEqual((int)listener.SafeHandle.DangerousGetHandle(), descriptor);

            // Queued before anyone accepts, accepted through the received descriptor: one socket, two descriptors.
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await client.ConnectAsync(listener.LocalEndPoint!);
            using var adopted = new Socket(new SafeSocketHandle(descriptor, ownsHandle: true));
            using var accepted = await adopted.AcceptAsync().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(client.LocalEndPoint, accepted.RemoteEndPoint);
        }
    }

    [Fact]
    public async Task Several_descriptors_arrive_in_the_order_they_were_sent()
    {
        using var first = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        first.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var second = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        second.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var (sender, receiver) = await ConnectedPairAsync();
        using (sender)
        using (receiver)
        {
            DescriptorPassing.Send(sender, [9], [(int)first.SafeHandle.DangerousGetHandle(), (int)second.SafeHandle.DangerousGetHandle()]);
            var descriptors = new List<int>();
            DescriptorPassing.Receive(receiver, new byte[1], descriptors);

            Assert.Equal(2, descriptors.Count);
            using var receivedFirst = new Socket(new SafeSocketHandle(descriptors[0], ownsHandle: true));
            using var receivedSecond = new Socket(new SafeSocketHandle(descriptors[1], ownsHandle: true));
            Assert.Equal(first.LocalEndPoint, receivedFirst.LocalEndPoint);
            Assert.Equal(second.LocalEndPoint, receivedSecond.LocalEndPoint);
        }
    }

    private static async Task<(Socket Sender, Socket Receiver)> ConnectedPairAsync()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("torii-scm-").FullName, "pair.sock");
        using var listening = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listening.Bind(new UnixDomainSocketEndPoint(path));
        listening.Listen(1);
        var receiver = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        receiver.Connect(new UnixDomainSocketEndPoint(path));
        var sender = await listening.AcceptAsync();
        return (sender, receiver);
    }
}
