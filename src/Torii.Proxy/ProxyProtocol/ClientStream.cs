using System.Net.Sockets;
using Torii.Proxy.Sockets;

namespace Torii.Proxy.ProxyProtocol;

/// <summary>The byte stream of an accepted client, starting with what was read behind its PROXY header, if anything.</summary>
public static class ClientStream
{
    public static Stream Of(Socket client, ClientOrigin? origin)
    {
        var stream = new LoopStream(origin?.Transport ?? LoopSocket.Of(client));
        return origin is { Leftover.IsEmpty: false } ? new PrefixedStream(origin.Leftover, stream) : stream;
    }
}
