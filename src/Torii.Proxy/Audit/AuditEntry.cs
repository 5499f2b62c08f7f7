using Torii.Proxy.Command;
using Torii.Proxy.Logging;

namespace Torii.Proxy.Audit;

/// <summary>One command as the audit log records it.</summary>
/// <param name="Verb">The request's name (add_cluster, ...).</param>
/// <param name="Target">What it acts on: "cluster:app", "backend:app/b1", ...</param>
/// <param name="Accepted">Whether the proxy answered OK.</param>
/// <param name="Message">The answer's message: what was done, or why not.</param>
public sealed record AuditEntry(DateTimeOffset Time, string Verb, string Target, bool Accepted, string Message, CommandPeer Peer)
{
    /// <summary>
    /// "time verb=… object=… result=ok|failure uid=… user=… pid=… message=…", the fields separated
    /// by tabs and every value escaped (<see cref="FieldEscaping"/>): one line per entry, whatever the values hold.
    /// </summary>
    public string Format() => string.Join(
        '\t',
        Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        "verb=" + FieldEscaping.Escape(Verb),
        "object=" + FieldEscaping.Escape(Target),
        "result=" + (Accepted ? "ok" : "failure"),
        "uid=" + (Peer.IsProxy ? "-" : Peer.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        "user=" + FieldEscaping.Escape(Peer.UserName),
        "pid=" + (Peer.IsProxy ? "-" : Peer.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        "message=" + FieldEscaping.Escape(Message));
}
