using System.Text;
using Torii.Proxy.Http2.Hpack;

namespace Torii.Proxy.Http2.Client;

/// <summary>
/// A decoded response header block or trailer block from a backend: the status and the regular
/// fields in order. A block that breaks RFC 9113 §8.3.2 is only marked, so the HPACK table stays in step.
/// </summary>
public sealed class H2ResponseFields : IHeaderSink
{
    private readonly List<(byte[] Name, byte[] Value)> _fields = [];

    public int Status { get; private set; }

    public bool IsMalformed { get; private set; }

    public IReadOnlyList<(byte[] Name, byte[] Value)> Fields => _fields;

    public bool HasContentLength { get; private set; }

    public void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        if (!name.IsEmpty && name[0] == (byte)':')
        {
            if (name.SequenceEqual(":status"u8) && Status == 0 && value.Length == 3
                && int.TryParse(value, System.Globalization.NumberStyles.None, null, out var status) && status >= 100)
            {
                Status = status;
            }
            else
            {
                IsMalformed = true;
            }

            return;
        }

        if (!Http.Parsing.HttpCharacters.IsToken(name) || value.ContainsAny(Http.Parsing.HttpCharacters.InvalidFieldValue))
        {
            IsMalformed = true;
            return;
        }

        HasContentLength |= name.SequenceEqual("content-length"u8);
        _fields.Add((name.ToArray(), value.ToArray()));
    }

    public override string ToString() => $"{Status} ({_fields.Count} fields{(IsMalformed ? ", malformed" : "")}): {string.Join(", ", _fields.Select(field => Encoding.ASCII.GetString(field.Name)))}";
}
