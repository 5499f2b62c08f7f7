namespace Torii.Proxy.Http;

/// <summary>A backend pool whose idle connections the sweeper closes once they pass the idle timeout.</summary>
public interface ISweptPool
{
    /// <summary>Whether the pool holds no connection the sweeper would ever close.</summary>
    bool IsEmpty { get; }

    /// <summary>Closes the connections idle past the timeout; returns how many.</summary>
    int CloseIdle(long nowMs);
}
