namespace Torii.Connectors.Web.Proxy;

/// <param name="Expires">Null when the proxy did not give the certificate back or it cannot be read.</param>
internal sealed record CertificateView(string Address, string Fingerprint, IReadOnlyList<string> Names, DateTimeOffset? Expires)
{
    public static readonly TimeSpan SoonWindow = TimeSpan.FromDays(14);

    public bool ExpiresSoon(DateTimeOffset now) => Expires is { } expires && expires - now <= SoonWindow;
}
