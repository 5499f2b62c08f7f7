using System.Net;

namespace Torii.Proxy.ProxyProtocol;

/// <summary>A PROXY protocol header received from the load balancer in front of a listener.</summary>
/// <param name="Version">1 (text) or 2 (binary).</param>
/// <param name="Length">Bytes the header takes on the wire, CRLF or TLVs included.</param>
/// <param name="Source">
/// The client the load balancer accepted; null when the header carries no usable address (v2 LOCAL,
/// v1 UNKNOWN, v2 UNSPEC or UNIX): the connection's own peer address stands, as the specification says.
/// </param>
/// <param name="Destination">The address the client connected to; null exactly when <paramref name="Source"/> is.</param>
public readonly record struct ProxyHeader(int Version, int Length, IPEndPoint? Source, IPEndPoint? Destination);
