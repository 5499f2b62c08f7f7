using System.Net.Sockets;
using System.Text;
using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.EndToEnd.Tests;

/// <summary>
/// Type=notify: torii tells the service manager it serves, and which process is the main one.
/// systemd cannot run here, so a datagram socket bound by the test stands in for its notify socket (a fake).
/// </summary>
public sealed class SystemdNotifyTests
{
    [Fact]
    public async Task Ready_and_main_pid_are_sent_once_the_proxy_serves()
    {
        var directory = Directory.CreateTempSubdirectory("torii-e2e-").FullName;
        var notifyPath = Path.Combine(directory, "notify.sock");
        using var fakeSystemd = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        fakeSystemd.Bind(new UnixDomainSocketEndPoint(notifyPath));
        await File.WriteAllTextAsync(Path.Combine(directory, "config.toml"), "command_socket = \"torii.sock\"\n");

        await using var torii = await ToriiProcess.StartExistingAsync(directory, new Dictionary<string, string> { ["NOTIFY_SOCKET"] = notifyPath });
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var received = await fakeSystemd.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        var lines = Encoding.UTF8.GetString(buffer, 0, received).Split('\n');

        Assert.Contains("READY=1", lines);
        Assert.Contains($"MAINPID={torii.Pid}", lines);
    }
}
