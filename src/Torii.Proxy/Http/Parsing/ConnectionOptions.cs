namespace Torii.Proxy.Http.Parsing;

/// <summary>The Connection tokens that carry meaning of their own.</summary>
[Flags]
internal enum ConnectionOptions
{
    None = 0,
    Close = 1,
    KeepAlive = 2,
    Upgrade = 4,
}
