using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Torii.Protocol;
using Torii.Proxy.Command;
using Torii.Proxy.Logging;
using Torii.Proxy.State;

namespace Torii.Proxy.Upgrade;

/// <summary>
/// The old side of an upgrade: starts the new executable on the same config, hands it the
/// listening sockets, the command socket, its own output and the state over a private UNIX socket,
/// and waits for it to confirm that it accepts. Until then nothing in this process has changed: any
/// failure (the program does not start, exits, reports an error or stays silent) kills the new
/// process and is reported with what it printed.
/// </summary>
public static class UpgradeLauncher
{
    /// <summary>The option of `torii start` that makes it take over from the process listening at the given path.</summary>
    public const string TakeoverOption = "--upgrade-from";

    private const string ReadyWord = "ready";
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(5);

    /// <exception cref="CommandException">The upgrade failed; this process still serves everything.</exception>
    public static async Task<UpgradeOutcome> RunAsync(UpgradePlan plan, CancellationToken cancellationToken)
    {
        var channelPath = ChannelPathFor(plan.CommandSocketPath);
        using var channel = UnixSocketFile.Listen(channelPath);
        var output = new ChildOutput();
        using var process = Start(plan, channelPath, output);
        Log.Info($"upgrade: started {plan.Executable} (pid {process.Id}); waiting up to {plan.Timeout.TotalSeconds:0} s for it to take over");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(plan.Timeout);
        try
        {
            var exited = process.WaitForExitAsync(timeout.Token);
            using var peer = await FirstOfAsync(channel.AcceptAsync(timeout.Token).AsTask(), exited, process).ConfigureAwait(false);
            var reply = await FirstOfAsync(HandOverAsync(peer, plan, timeout.Token), exited, process).ConfigureAwait(false);
            return ParseReply(reply);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or UpgradeFailedException)
        {
            var reason = e switch
            {
                OperationCanceledException => $"the new process did not confirm within {plan.Timeout.TotalSeconds:0} s",
                UpgradeFailedException => e.Message,
                _ => $"handover failed: {e.Message}",
            };
            await StopAsync(process).ConfigureAwait(false);
            var printed = output.ToString();
            throw new CommandException($"upgrade failed: {reason}; this process (pid {Environment.ProcessId}) keeps serving" +
                (printed.Length == 0 ? "; the new process printed nothing" : $"; the new process printed:\n{printed}"));
        }
        finally
        {
            UnixSocketFile.Delete(channelPath);
        }
    }

    /// <summary>Next to the command socket: a folder only its owner can use already, and known to be writable.</summary>
    private static string ChannelPathFor(string commandSocketPath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(commandSocketPath))!;
        return Path.Combine(directory, $".{Path.GetFileName(commandSocketPath)}.upgrade-{Environment.ProcessId}");
    }

    private static Process Start(UpgradePlan plan, string channelPath, ChildOutput output)
    {
        var start = new ProcessStartInfo(plan.Executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Environment.CurrentDirectory,
        };

        // Run through the host when this process was itself started as `dotnet torii.dll`.
        if (string.Equals(Path.GetFileNameWithoutExtension(plan.Executable), "dotnet", StringComparison.Ordinal)
            && System.Reflection.Assembly.GetEntryAssembly()?.Location is { Length: > 0 } entry)
        {
            start.ArgumentList.Add(entry);
        }

        foreach (var argument in new[] { "start", "-c", plan.ConfigPath, TakeoverOption, channelPath })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new CommandException($"upgrade failed: {plan.Executable} did not start");
        }
        catch (Win32Exception e)
        {
            throw new CommandException($"upgrade failed: cannot start {plan.Executable}: {e.Message}; this process keeps serving");
        }

        process.OutputDataReceived += (_, line) => output.Add(line.Data, Console.Out);
        process.ErrorDataReceived += (_, line) => output.Add(line.Data, Console.Error);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The descriptors with the manifest, then the state, then this side is shut; returns the new process's one-line answer.</summary>
    private static async Task<string> HandOverAsync(Socket peer, UpgradePlan plan, CancellationToken cancellationToken)
    {
        var entries = new List<HandoverEntry>();
        var descriptors = new List<int>();
        foreach (var (address, socket) in plan.Listeners)
        {
            entries.Add(new HandoverEntry(HandoverKind.Listener, address.ToString()));
            descriptors.Add(DescriptorOf(socket));
        }

        entries.Add(new HandoverEntry(HandoverKind.Command, "-"));
        descriptors.Add(DescriptorOf(plan.CommandSocket));
        entries.Add(new HandoverEntry(HandoverKind.Output, "1"));
        descriptors.Add(1);
        entries.Add(new HandoverEntry(HandoverKind.Output, "2"));
        descriptors.Add(2);
        if (descriptors.Count > DescriptorPassing.MaxDescriptors)
        {
            throw new UpgradeFailedException($"{plan.Listeners.Count} listening sockets are more than one handover carries ({DescriptorPassing.MaxDescriptors - 3})");
        }

        DescriptorPassing.Send(peer, HandoverManifest.Encode(entries), descriptors);
        await using var stream = new NetworkStream(peer, ownsSocket: false);
        await using (var writer = new StreamWriter(stream, new UTF8Encoding(false), bufferSize: 64 * 1024, leaveOpen: true))
        {
            await StateFile.WriteAsync(writer, plan.State, cancellationToken).ConfigureAwait(false);
        }

        peer.Shutdown(SocketShutdown.Send);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 1024, leaveOpen: true);
        return await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new UpgradeFailedException("the new process closed the handover without an answer");
    }

    private static int DescriptorOf(Socket socket) => (int)socket.SafeHandle.DangerousGetHandle();

    /// <summary>"ready PID VERSION", or "error MESSAGE".</summary>
    private static UpgradeOutcome ParseReply(string reply)
    {
        var parts = reply.Split(' ', 3);
        if (parts.Length == 3 && parts[0] == ReadyWord && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return new UpgradeOutcome(pid, parts[2]);
        }

        throw new UpgradeFailedException(reply.StartsWith("error ", StringComparison.Ordinal) ? reply["error ".Length..] : $"unexpected answer \"{reply}\"");
    }

    /// <summary>Whatever the work, the new process exiting first ends the wait.</summary>
    private static async Task<T> FirstOfAsync<T>(Task<T> work, Task exited, Process process)
    {
        var first = await Task.WhenAny(work, exited).ConfigureAwait(false);
        if (first == work)
        {
            return await work.ConfigureAwait(false);
        }

        await exited.ConfigureAwait(false);
        ObserveLater(work);
        throw new UpgradeFailedException($"the new process exited with code {process.ExitCode} before taking over");
    }

    private static void ObserveLater(Task task) => task.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);

    private static async Task StopAsync(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            using var wait = new CancellationTokenSource(ExitWait);
            await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException or Win32Exception)
        {
            Log.Warn($"upgrade: the new process (pid {process.Id}) could not be waited for: {e.Message}");
        }
    }

    /// <summary>Public so that the new side answers with the same words.</summary>
    public static string Ready(string version) => $"{ReadyWord} {Environment.ProcessId} {version}";
}
