using Torii.Proxy.ProxyProtocol;

namespace Torii.Fuzz.ProxyProtocol;

/// <summary>
/// ProxyHeaderParser: never throws; a complete header lies within the input and its bounds, every
/// shorter prefix of it is incomplete (a reader waits for more, never refuses a header cut by TCP),
/// and bytes after it do not change it.
/// </summary>
internal sealed class ProxyHeaderTarget : IFuzzTarget
{
    public string Name => "proxy-header";

    public void Run(byte[] input)
    {
        var result = ProxyHeaderParser.Parse(input);
        if (result.Status != ProxyParseStatus.Complete)
        {
            Check.That(result.Status == ProxyParseStatus.Incomplete || result.Error is not null, "an invalid result says why");
            return;
        }

        var header = result.Header;
        Check.That(header.Length > 0 && header.Length <= input.Length, $"header length {header.Length} outside the input of {input.Length}");
        Check.That(header.Length <= (header.Version == 1 ? ProxyV1Parser.MaxLength : ProxyV2Parser.MaxLength), "header longer than its version allows");
        Check.That((header.Source is null) == (header.Destination is null), "source and destination come together");
        for (var length = 0; length < header.Length; length++)
        {
            Check.Equal(ProxyParseStatus.Incomplete, ProxyHeaderParser.Parse(input.AsSpan(0, length)).Status, $"prefix of {length} bytes");
        }

        Check.Equal(header, ProxyHeaderParser.Parse(input.AsSpan(0, header.Length)).Header, "the header alone");
    }
}
