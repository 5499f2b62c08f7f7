using System.Net.Sockets;
using System.Text;
using Torii.Proxy.Logging;

namespace Torii.Hosting;

/// <summary>
/// Tells systemd (a Type=notify unit) that the proxy is serving and which process is the main one,
/// through the datagram socket named by NOTIFY_SOCKET. The PID matters after `torii upgrade`: the
/// process that took over names itself, so systemd follows it instead of stopping the unit when the
/// old one exits. Without NOTIFY_SOCKET nothing is sent.
/// </summary>
public static class SystemdNotifier
{
    public static void Ready() => Send($"READY=1\nMAINPID={Environment.ProcessId}\nSTATUS=serving");

    public static void Stopping() => Send("STOPPING=1");

    private static void Send(string state)
    {
        var address = Environment.GetEnvironmentVariable("NOTIFY_SOCKET");
        if (string.IsNullOrEmpty(address))
        {
            return;
        }

        // A leading '@' names a socket in the abstract namespace, written with a NUL byte.
        var path = address[0] == '@' ? "\0" + address[1..] : address;
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            socket.SendTo(Encoding.UTF8.GetBytes(state), new UnixDomainSocketEndPoint(path));
        }
        catch (SocketException e)
        {
            Log.Warn($"cannot notify systemd at {address}: {e.Message}");
        }
    }
}
