using System.Globalization;
using System.Text;
using Torii.Protocol;
using Torii.Proxy.Logging;

namespace Torii.Cli.Output;

/// <summary>
/// One event on one line for `torii events`: time, sequence, kind, cluster, backend, detail, peer.
/// Values are escaped: a cluster id holding a line break or a terminal escape prints as text.
/// </summary>
internal static class EventLine
{
    public static string Format(Event change)
    {
        var line = new StringBuilder(128)
            .Append(DateTimeOffset.FromUnixTimeMilliseconds(change.Time).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))
            .Append(" #").Append(change.Sequence.ToString(CultureInfo.InvariantCulture))
            .Append(' ').Append(KindName(change.Kind))
            .Append(" cluster=").Append(Value(change.HasClusterId ? change.ClusterId : null))
            .Append(" backend=").Append(Value(change.HasBackendId ? change.BackendId : null));
        if (change.HasDetail)
        {
            line.Append(" detail=\"").Append(FieldEscaping.Escape(change.Detail).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
        }

        line.Append(" peer=").Append(change.HasPeerPid
            ? string.Create(CultureInfo.InvariantCulture, $"uid:{change.PeerUid},pid:{change.PeerPid}")
            : "torii");
        return line.ToString();
    }

    /// <summary>The proto name (CLUSTER_ADDED), or the number for a kind newer than this build.</summary>
    public static string KindName(EventKind kind) =>
        EventKindDescriptor.FindValueByNumber((int)kind)?.Name ?? ((int)kind).ToString(CultureInfo.InvariantCulture);

    private static readonly Google.Protobuf.Reflection.EnumDescriptor EventKindDescriptor = Event.Descriptor.FindFieldByName("kind").EnumType;

    private static string Value(string? value) => value is null or "" ? "-" : FieldEscaping.Escape(value).Replace(" ", "\\u0020", StringComparison.Ordinal);
}
