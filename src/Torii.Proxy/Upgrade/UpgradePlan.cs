using System.Net;
using System.Net.Sockets;
using Torii.Protocol;

namespace Torii.Proxy.Upgrade;

/// <summary>Everything the old process hands to the new one.</summary>
/// <param name="Executable">The program to start.</param>
/// <param name="ConfigPath">The config the new process reads its settings from (the state comes from <paramref name="State"/>).</param>
/// <param name="Listeners">The listening sockets of the active listeners.</param>
/// <param name="State">The state as the requests that rebuild it.</param>
/// <param name="Timeout">How long the new process has to confirm.</param>
public sealed record UpgradePlan(
    string Executable,
    string ConfigPath,
    string CommandSocketPath,
    IReadOnlyList<KeyValuePair<IPEndPoint, Socket>> Listeners,
    Socket CommandSocket,
    IReadOnlyList<Request> State,
    TimeSpan Timeout);
