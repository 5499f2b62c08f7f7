namespace Torii.Proxy.Http2.Hpack;

/// <summary>A header block that cannot be decoded (RFC 7541): a COMPRESSION_ERROR for the whole connection.</summary>
public sealed class HpackException(string message) : Exception(message);
