namespace Torii.Hosting;

/// <summary>
/// Runtime settings of .NET's socket engine, applied before the first socket exists
/// (the engine reads them once, from the environment, when it starts).
/// </summary>
internal static class SocketEngineSettings
{
    private const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>
    /// Socket completions run on the engine's epoll threads instead of being queued to the thread pool.
    /// Client and backend connections run on Torii's own loops (Torii.Proxy.Sockets); what stays on
    /// .NET's engine (accepts, PROXY headers, the command socket) then starts and serves sessions
    /// without a hand-off either. Nothing there blocks a thread (logs are written by a task of their
    /// own). An operator's own value wins.
    /// </summary>
    public static void Apply()
    {
        if (Environment.GetEnvironmentVariable(InlineCompletions) is null)
        {
            Environment.SetEnvironmentVariable(InlineCompletions, "1");
        }
    }
}
