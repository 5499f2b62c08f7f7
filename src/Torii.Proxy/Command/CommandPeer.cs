using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Torii.Proxy.Command;

/// <summary>
/// Who is at the other end of a command connection, as the kernel vouches for it (SO_PEERCRED):
/// read once when the connection is accepted, so a process cannot claim another's identity.
/// </summary>
public sealed record CommandPeer(uint Uid, uint Gid, int Pid, string UserName)
{
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;

    /// <summary>The proxy itself: changes that no command connection made (the config at start, health checks).</summary>
    public static CommandPeer Proxy { get; } = new(0, 0, 0, "torii") { IsProxy = true };

    public bool IsProxy { get; private init; }

    /// <summary>The connecting process's credentials; the proxy's own identity if the platform has no SO_PEERCRED.</summary>
    public static CommandPeer Of(Socket socket)
    {
        // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
        Span<byte> credentials = stackalloc byte[12];
        try
        {
            if (!OperatingSystem.IsLinux() || socket.GetRawSocketOption(SolSocket, SoPeerCred, credentials) != credentials.Length)
            {
                return Proxy;
            }
        }
        catch (SocketException)
        {
            return Proxy;
        }

        var pid = MemoryMarshal.Read<int>(credentials);
        var uid = MemoryMarshal.Read<uint>(credentials[4..]);
        var gid = MemoryMarshal.Read<uint>(credentials[8..]);
        return new CommandPeer(uid, gid, pid, UserNames.Of(uid));
    }

    public override string ToString() => IsProxy ? "torii" : $"uid {Uid} ({UserName}) pid {Pid}";
}
