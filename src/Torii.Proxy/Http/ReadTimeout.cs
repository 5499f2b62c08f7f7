using System.IO.Pipelines;
using Torii.Proxy.Connections;

namespace Torii.Proxy.Http;

/// <summary>Reads from a pipe under a deadline that restarts with every read: a timeout is inactivity, not total duration.</summary>
public readonly struct ReadTimeout(ConnectionDeadline deadline, TimeSpan timeout, TimeoutKind kind)
{
    public CancellationToken Token => deadline.Token;

    public ValueTask<ReadResult> ReadAsync(PipeReader reader)
    {
        deadline.Arm(timeout, kind);
        return reader.ReadAsync(deadline.Token);
    }
}
