using System.Text;
using Torii.Proxy.Http2.Hpack;

namespace Torii.Proxy.Tests.Http2;

/// <summary>Collects a decoded header block as text pairs.</summary>
internal sealed class HeaderList : IHeaderSink
{
    public List<(string Name, string Value)> Fields { get; } = [];

    public void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) =>
        Fields.Add((Encoding.ASCII.GetString(name), Encoding.ASCII.GetString(value)));

    public static List<(string Name, string Value)> Decode(HpackDecoder decoder, string hex)
    {
        var list = new HeaderList();
        decoder.Decode(Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal)), list);
        return list.Fields;
    }
}
