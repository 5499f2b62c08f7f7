using System.Net;
using System.Net.Sockets;
using System.Text;
using Torii.Protocol;

namespace Torii.Proxy.Upgrade;

/// <summary>
/// The new side of an upgrade: what the old process handed over (listening sockets, the command
/// socket, the state) and the connection on which this process confirms or reports a failure.
/// </summary>
public sealed class Handover : IDisposable
{
    private readonly Socket _channel;

    private Handover(Socket channel, Dictionary<IPEndPoint, Socket> listeners, Socket commandSocket, List<Request> state)
    {
        _channel = channel;
        Listeners = listeners;
        CommandSocket = commandSocket;
        State = state;
    }

    /// <summary>The old process's listening sockets, still accepting there until this process confirms.</summary>
    public IReadOnlyDictionary<IPEndPoint, Socket> Listeners { get; }

    public Socket CommandSocket { get; }

    /// <summary>The old process's state as requests (the form `state save` writes), activations included.</summary>
    public IReadOnlyList<Request> State { get; }

    /// <summary>
    /// Connects to the old process at <paramref name="channelPath"/> and receives everything. This
    /// process then writes where the old one wrote (stdout and stderr are replaced before anything is
    /// logged) and leaves the old process's group, so that it outlives it.
    /// </summary>
    /// <exception cref="IOException">The handover could not be received.</exception>
    public static async Task<Handover> ReceiveAsync(string channelPath, CancellationToken cancellationToken)
    {
        var channel = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            channel.Connect(new UnixDomainSocketEndPoint(channelPath));
            var descriptors = new List<int>();
            var prefix = new byte[HandoverManifest.LengthPrefix];
            var read = DescriptorPassing.Receive(channel, prefix, descriptors);
            await using var stream = new NetworkStream(channel, ownsSocket: false);
            await stream.ReadExactlyAsync(prefix.AsMemory(read), cancellationToken).ConfigureAwait(false);
            var body = new byte[HandoverManifest.BodyLength(prefix)];
            await stream.ReadExactlyAsync(body, cancellationToken).ConfigureAwait(false);
            var entries = HandoverManifest.Decode(body);
            if (entries.Count != descriptors.Count)
            {
                throw new InvalidDataException($"the manifest names {entries.Count} descriptors but {descriptors.Count} arrived");
            }

            var listeners = new Dictionary<IPEndPoint, Socket>();
            Socket? command = null;
            for (var i = 0; i < entries.Count; i++)
            {
                switch (entries[i].Kind)
                {
                    case HandoverKind.Listener:
                        listeners.Add(IPEndPoint.Parse(entries[i].Name), Adopt(descriptors[i]));
                        break;
                    case HandoverKind.Command:
                        command = Adopt(descriptors[i]);
                        break;
                    default:
                        TakeOverOutput(int.Parse(entries[i].Name, System.Globalization.CultureInfo.InvariantCulture), descriptors[i]);
                        break;
                }
            }

            NativeProcess.LeaveProcessGroup();
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: true);
            var state = await StateFile.ReadAllAsync(reader, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new Handover(channel, listeners, command ?? throw new InvalidDataException("the command socket was not handed over"), state);
        }
        catch (Exception e) when (e is SocketException or InvalidDataException or StateFileException or FormatException)
        {
            channel.Dispose();
            throw new IOException($"cannot take over through {channelPath}: {e.Message}", e);
        }
        catch
        {
            channel.Dispose();
            throw;
        }
    }

    /// <summary>Tells the old process that this one accepts now; it stops accepting and drains when it reads this.</summary>
    public async Task ConfirmAsync(string version, CancellationToken cancellationToken) =>
        await AnswerAsync(UpgradeLauncher.Ready(version), cancellationToken).ConfigureAwait(false);

    /// <summary>Tells the old process why this one cannot take over; it keeps serving.</summary>
    public async Task RefuseAsync(string reason)
    {
        try
        {
            await AnswerAsync($"error {reason.ReplaceLineEndings(" ")}", CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            // The old process gave up already; it reports the failure itself.
        }
    }

    public void Dispose() => _channel.Dispose();

    private async Task AnswerAsync(string line, CancellationToken cancellationToken)
    {
        await using var stream = new NetworkStream(_channel, ownsSocket: false);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), cancellationToken).ConfigureAwait(false);
    }

    private static Socket Adopt(int descriptor) => new(new SafeSocketHandle(descriptor, ownsHandle: true));

    /// <summary>From now on, stdout or stderr is where the old process wrote, and so are .NET's console writers.</summary>
    private static void TakeOverOutput(int target, int descriptor)
    {
        NativeProcess.Replace(target, descriptor);

        // The console streams write(2) at the file's shared offset, so both processes append to one log
        // file; a FileStream would keep an offset of its own and overwrite the old process's lines.
        if (target == 1)
        {
            Console.SetOut(new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true });
        }
        else
        {
            Console.SetError(new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(false)) { AutoFlush = true });
        }
    }
}
