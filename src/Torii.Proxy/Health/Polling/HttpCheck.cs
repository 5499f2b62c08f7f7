using System.Buffers;

namespace Torii.Proxy.Health.Polling;

/// <summary>Sends the probe's request, then reads until the status line ends (within a bounded buffer) and lets the probe judge it.</summary>
internal sealed class HttpCheck(HttpHealthProbe probe, byte[] request) : PolledCheck
{
    private byte[]? _buffer;
    private int _sent;
    private int _received;

    protected override HealthProbeResult? OnConnected() => SendMore();

    protected override HealthProbeResult? OnReady(short events) =>
        _sent < request.Length ? SendMore() : ReceiveMore();

    private HealthProbeResult? SendMore()
    {
        var sent = CheckSocketCalls.Send(Descriptor, request, _sent, request.Length - _sent);
        if (sent < 0)
        {
            return -sent == CheckSocketCalls.WouldBlock ? Wait(PollFd.Out) : Failed(-sent);
        }

        _sent += sent;
        return _sent < request.Length ? Wait(PollFd.Out) : ReceiveMore();
    }

    private HealthProbeResult? ReceiveMore()
    {
        _buffer ??= ArrayPool<byte>.Shared.Rent(HttpHealthProbe.MaxStatusLineBytes);
        while (true)
        {
            var read = CheckSocketCalls.Receive(Descriptor, _buffer, _received, HttpHealthProbe.MaxStatusLineBytes - _received);
            if (read < 0)
            {
                return -read == CheckSocketCalls.WouldBlock ? Wait(PollFd.In) : Failed(-read);
            }

            if (read == 0)
            {
                return HealthProbeResult.Fail("closed before sending a status line");
            }

            _received += read;
            var end = _buffer.AsSpan(0, _received).IndexOf("\r\n"u8);
            if (end >= 0)
            {
                return probe.Judge(_buffer.AsSpan(0, end));
            }

            if (_received == HttpHealthProbe.MaxStatusLineBytes)
            {
                return HealthProbeResult.Fail($"no status line in the first {HttpHealthProbe.MaxStatusLineBytes} bytes");
            }
        }
    }

    private HealthProbeResult? Wait(short events)
    {
        WaitingFor = events;
        return null;
    }

    private static HealthProbeResult Failed(int error) => HealthProbeResult.Fail($"connection failed ({CheckSocketCalls.Describe(error)})");

    protected override void OnClosed()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
    }
}
