namespace Torii.Hosting;

/// <summary>
/// Runtime settings of .NET's socket engine, applied before the first socket exists
/// (the engine reads them once, from the environment, when it starts).
/// </summary>
internal static class SocketEngineSettings
{
    private const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>
    /// Socket completions run on the engine's epoll threads instead of being queued to the thread pool:
    /// a proxied request is four socket operations, and handing each to another thread cost more CPU
    /// than the proxying itself (bench/run.sh scenario a). Nothing on the data path or the command
    /// socket blocks a thread (logs are written by a task of their own). An operator's own value wins.
    /// </summary>
    public static void Apply()
    {
        if (Environment.GetEnvironmentVariable(InlineCompletions) is null)
        {
            Environment.SetEnvironmentVariable(InlineCompletions, "1");
        }
    }
}
