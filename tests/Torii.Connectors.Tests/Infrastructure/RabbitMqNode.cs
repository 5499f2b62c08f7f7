using System.Diagnostics;
using System.Text;
using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.Connectors.Tests.Infrastructure;

/// <summary>
/// A real RabbitMQ node of the Debian rabbitmq-server package, private to the test: its own node name, ports on
/// loopback, data and logs in its own folder (on tmpfs when there is one, as this machine's fsync is slow), no
/// plugins, version 2 classic queues. It can be stopped and started again on the same data, as a broker restart.
/// </summary>
public sealed class RabbitMqNode : IAsyncDisposable
{
    private const string BinDirectory = "/usr/lib/rabbitmq/bin";
    private static int _instances;

    private readonly string _directory;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();
    private Process? _server;

    private RabbitMqNode(string directory, string nodeName, int port, int distributionPort)
    {
        _directory = directory;
        NodeName = nodeName;
        Port = port;
        DistributionPort = distributionPort;
    }

    public string NodeName { get; }

    public int Port { get; }

    public int DistributionPort { get; }

    public string Url => $"amqp://guest:guest@127.0.0.1:{Port}/";

    public bool IsRunning => _server is { HasExited: false };

    /// <summary>The Erlang VM's process (the server script only waits for it).</summary>
    public int VirtualMachineProcessId => int.Parse(File.ReadAllText(PidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    public string Output
    {
        get
        {
            lock (_outputLock)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<RabbitMqNode> StartAsync()
    {
        if (!File.Exists(Path.Combine(BinDirectory, "rabbitmq-server")))
        {
            throw new InvalidOperationException("rabbitmq-server is not installed: apt-get install rabbitmq-server (./test.sh does)");
        }

        string parent = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        string directory = Directory.CreateDirectory(Path.Combine(parent, $"torii-rabbitmq-{Guid.NewGuid():N}")).FullName;
        int instance = Interlocked.Increment(ref _instances);
        var node = new RabbitMqNode(directory, $"torii-test-{Environment.ProcessId}-{instance}@localhost", FreePort.Next(), FreePort.Next());
        await File.WriteAllTextAsync(Path.Combine(directory, "enabled_plugins"), string.Empty);
        await WriteCookieAsync(directory);

        // Version 2 classic queues persist messages with less work; README recommends them to operators too.
        await File.WriteAllTextAsync(Path.Combine(directory, "rabbitmq.conf"), "classic_queue.default_version = 2\n");
        try
        {
            await node.StartAgainAsync();
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the node (again, on the same data after <see cref="StopAsync"/>) and returns once it accepts clients.</summary>
    public async Task StartAgainAsync()
    {
        File.Delete(PidFile);
        var start = new ProcessStartInfo(Path.Combine(BinDirectory, "rabbitmq-server"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _directory,
        };
        SetEnvironment(start);
        _server = Process.Start(start)!;
        _server.OutputDataReceived += (_, line) => Append(line.Data);
        _server.ErrorDataReceived += (_, line) => Append(line.Data);
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        CliResult waited = await ControlAsync(TimeSpan.FromSeconds(120), "wait", PidFile, "--timeout", "110");
        if (waited.ExitCode != 0)
        {
            throw new InvalidOperationException($"RabbitMQ node {NodeName} did not start: {waited}\n--- server output ---\n{Output}");
        }
    }

    /// <summary>
    /// Stops the node gracefully with SIGTERM, as a service manager does (rabbitmqctl stop would spend seconds
    /// starting its own Erlang VM first); durable queues and persistent messages stay on disk.
    /// </summary>
    public async Task StopAsync()
    {
        if (_server is null || _server.HasExited)
        {
            return;
        }

        string pid = (await File.ReadAllTextAsync(PidFile)).Trim();
        using (Process signal = Process.Start("kill", ["-TERM", pid])!)
        {
            await signal.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await _server.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
            Assert.Fail($"RabbitMQ node {NodeName} did not stop within a minute of SIGTERM\n{Output}");
        }
    }

    /// <summary>Runs rabbitmqctl against this node.</summary>
    public async Task<CliResult> ControlAsync(TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(BinDirectory, "rabbitmqctl"), ["-n", NodeName, .. arguments])
        {
            WorkingDirectory = _directory,
        };
        SetEnvironment(start);
        return await ExternalProgram.RunAsync(start, timeout);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            if (_server is { HasExited: false })
            {
                _server.Kill(entireProcessTree: true);
                await _server.WaitForExitAsync();
            }

            _server?.Dispose();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // Erlang may still be closing a log file; the folder is temporary anyway.
            }
        }
    }

    private string PidFile => Path.Combine(_directory, "rabbitmq.pid");

    /// <summary>
    /// The Erlang cookie the server and rabbitmqctl share, written before either starts: left to them, the server and
    /// the "wait" started beside it could each create the missing file with a cookie of its own, and the CLI was then
    /// refused ("Invalid challenge reply") until it timed out (seen once in a full run). Erlang wants it owner-only.
    /// </summary>
    private static async Task WriteCookieAsync(string directory)
    {
        string path = Path.Combine(directory, ".erlang.cookie");
        await File.WriteAllTextAsync(path, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20)));
        File.SetUnixFileMode(path, UnixFileMode.UserRead);
    }

    private void SetEnvironment(ProcessStartInfo start)
    {
        // HOME holds the Erlang cookie shared by the server and rabbitmqctl.
        start.Environment["HOME"] = _directory;
        start.Environment["RABBITMQ_NODENAME"] = NodeName;
        start.Environment["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        start.Environment["RABBITMQ_NODE_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["RABBITMQ_DIST_PORT"] = DistributionPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(_directory, "mnesia");
        start.Environment["RABBITMQ_LOG_BASE"] = Path.Combine(_directory, "log");
        start.Environment["RABBITMQ_PID_FILE"] = PidFile;
        start.Environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_directory, "enabled_plugins");
        start.Environment["RABBITMQ_CONFIG_FILE"] = Path.Combine(_directory, "rabbitmq");
        start.Environment["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(_directory, "advanced.config");
        start.Environment["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(_directory, "rabbitmq-env.conf");
        start.Environment["ERL_EPMD_ADDRESS"] = "127.0.0.1";
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputLock)
        {
            _output.AppendLine(line);
        }
    }
}
