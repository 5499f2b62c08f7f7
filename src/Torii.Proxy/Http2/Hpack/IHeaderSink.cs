namespace Torii.Proxy.Http2.Hpack;

/// <summary>Receives the fields of a decoded header block in order; the spans live only for the call.</summary>
public interface IHeaderSink
{
    void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value);
}
