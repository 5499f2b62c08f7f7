namespace Torii.Proxy.ProxyProtocol;

/// <param name="Needed">For <see cref="ProxyParseStatus.Incomplete"/>: the total bytes the header needs, when known, else 0.</param>
/// <param name="Error">For <see cref="ProxyParseStatus.Invalid"/>: what is wrong, for the debug log.</param>
public readonly record struct ProxyParseResult(ProxyParseStatus Status, ProxyHeader Header, int Needed, string? Error)
{
    public static ProxyParseResult Complete(ProxyHeader header) => new(ProxyParseStatus.Complete, header, 0, null);

    public static ProxyParseResult Incomplete(int needed = 0) => new(ProxyParseStatus.Incomplete, default, needed, null);

    public static ProxyParseResult Invalid(string error) => new(ProxyParseStatus.Invalid, default, 0, error);
}
