using System.Net.Sockets;

namespace Torii.Proxy.Connections;

/// <summary>An accepted client waiting in the accept queue, with the instant it must be closed and how to run it.</summary>
public readonly record struct QueuedConnection(Socket Client, long DeadlineMs, Action<Socket> Start);
