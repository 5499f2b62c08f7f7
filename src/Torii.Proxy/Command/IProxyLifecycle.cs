namespace Torii.Proxy.Command;

/// <summary>Stops the proxy: softly (drain, then exit) or at once.</summary>
public interface IProxyLifecycle
{
    void StopSoftly();

    void StopNow();
}
