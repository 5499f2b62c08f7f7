using Torii.Protocol;

namespace Torii.Proxy.Command;

/// <summary>Stops the proxy (softly: drain, then exit; or at once) and upgrades it.</summary>
public interface IProxyLifecycle
{
    void StopSoftly();

    void StopNow();

    /// <summary>
    /// Starts <paramref name="executable"/> (null: this program) on the same config and hands it the
    /// sockets and <paramref name="state"/>; returns once it serves and this process has stopped accepting.
    /// </summary>
    /// <exception cref="State.CommandException">The upgrade failed and this process serves as before.</exception>
    Task<string> UpgradeAsync(string? executable, IReadOnlyList<Request> state, CancellationToken cancellationToken);

    /// <summary>After the upgrade's answer is sent: gives up the command socket and drains.</summary>
    void FinishUpgrade();
}
