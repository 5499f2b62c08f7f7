using System.Net;
using Torii.Proxy.Actions;

namespace Torii.Proxy.Http.Parsing;

/// <summary>What the request head writer adds about the client connection.</summary>
/// <param name="Scheme">"http" or "https": the scheme the client used.</param>
/// <param name="RequestIdHeaderName">Header carrying <paramref name="RequestId"/>; empty to send none.</param>
/// <param name="RealIp">What the listener does with X-Real-IP.</param>
/// <param name="Edit">The frontend's rewrite and header edits; null (the common case) sends the request as received.</param>
public readonly record struct ForwardingContext(
    IPAddress ClientAddress,
    IPEndPoint ListenerEndPoint,
    string Scheme,
    ReadOnlyMemory<byte> RequestId,
    ReadOnlyMemory<byte> RequestIdHeaderName,
    RealIpPolicy RealIp = default,
    RequestEdit? Edit = null);
