using System.Net;
using Torii.Proxy.Sockets;

namespace Torii.Proxy.ProxyProtocol;

/// <summary>
/// Who a connection of an expect_proxy listener comes from, once its PROXY header is read: the
/// header's addresses (or the socket's own when the header carries none), and the bytes that
/// arrived behind the header in the same read, which belong to the client's stream.
/// </summary>
/// <param name="Client">The client's address: the one every header, log line and limit uses.</param>
/// <param name="Destination">The address the client connected to, relayed to a TCP backend.</param>
public sealed record ClientOrigin(IPEndPoint Client, IPEndPoint Destination, ReadOnlyMemory<byte> Leftover)
{
    /// <summary>The client's socket as the header was read from it, on Torii's loop; the session that serves the connection owns it.</summary>
    public LoopSocket? Transport { get; init; }
}
