using Torii.Protocol;
using Torii.Proxy.Audit;
using Torii.Proxy.Logging;

namespace Torii.Proxy.Command;

public sealed partial class CommandDispatcher
{
    private AuditLog? _audit;

    /// <summary>From now on every change asked for on the command socket, accepted or refused, gets a line in <paramref name="audit"/>.</summary>
    public void AuditTo(AuditLog audit) => _audit = audit;

    /// <summary>
    /// Only what a command-socket peer asked for: the config applied at start is the operator's
    /// file, not a command. Queries are not audited; a reload or load_state is one line, not one per change it made.
    /// </summary>
    private void Audit(Request request, Response response)
    {
        if (_audit is null || _peer.IsProxy || !IsChange(request))
        {
            return;
        }

        var entry = new AuditEntry(
            DateTimeOffset.UtcNow, RequestNames.Of(request), AuditTarget.Of(request), response.Status == ResponseStatus.Ok, response.Message, _peer);
        try
        {
            _audit.Write(entry);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            Log.Error($"audit log: cannot write {entry.Verb} {entry.Target}: {e.Message}");
        }
    }
}
