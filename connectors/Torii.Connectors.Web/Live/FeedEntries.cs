using System.Globalization;
using Torii.Connectors.Web.Proxy;
using Torii.Protocol;

namespace Torii.Connectors.Web.Live;

internal static class FeedEntries
{
    public static FeedEntry Of(Event change) => new(
        change.Sequence,
        change.HasTime ? DateTimeOffset.FromUnixTimeMilliseconds(change.Time) : DateTimeOffset.UtcNow,
        change.Kind.ToString(),
        change.HasClusterId ? change.ClusterId : null,
        change.HasBackendId ? change.BackendId : null,
        change.Address is null ? null : SocketAddressText.Format(change.Address),
        change.HasDetail ? change.Detail : null,
        change.HasPeerUid ? string.Create(CultureInfo.InvariantCulture, $"uid {change.PeerUid} pid {change.PeerPid}") : null);
}
