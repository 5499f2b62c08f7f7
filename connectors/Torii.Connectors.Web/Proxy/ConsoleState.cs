namespace Torii.Connectors.Web.Proxy;

/// <summary>What the pages show, read from the proxy in one go; <see cref="Failure"/> says why it could not be.</summary>
internal sealed record ConsoleState(
    IReadOnlyList<ListenerView> Listeners,
    IReadOnlyList<ClusterView> Clusters,
    IReadOnlyList<CertificateView> Certificates,
    string? Failure)
{
    public static ConsoleState Unavailable(string failure) => new([], [], [], failure);
}
