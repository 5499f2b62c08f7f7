using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Torii.Proxy.Http;
using Torii.Proxy.Http2.Defences;
using Torii.Proxy.Http2.Frames;
using Torii.Proxy.Http2.Hpack;
using Torii.Proxy.Http2.Streams;
using Torii.Proxy.Http2.Translation;
using Torii.Proxy.Listeners;
using Torii.Proxy.Logging;

namespace Torii.Proxy.Http2;

/// <summary>
/// One HTTP/2 client connection (RFC 9113): reads frames, keeps the stream table and both
/// directions' flow-control windows, and turns each stream into a request on the proxy's
/// HTTP/1.1 request path, so routing, forwarding headers, answers, metrics and logs are the
/// same for both protocols. Frames are read on one task; each stream's response is made by its
/// own task into the connection's shared output.
/// </summary>
public sealed partial class Http2Connection
{
    /// <summary>The client connection preface (RFC 9113 §3.4).</summary>
    public static ReadOnlySpan<byte> Preface => "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8;

    /// <summary>Our SETTINGS_INITIAL_WINDOW_SIZE: what each stream may send before the body moves on.</summary>
    public const int StreamReceiveWindow = 256 * 1024;

    /// <summary>Our SETTINGS_HEADER_TABLE_SIZE: the protocol default, so it is never sent.</summary>
    public const int HeaderTableSize = 4096;

    private readonly Stream _clientStream;
    private readonly PipeReader _clientReader;
    private readonly IPEndPoint _clientAddress;
    private readonly ListenerSettings _settings;
    private readonly HttpProxyContext _context;
    private readonly Http2Limits _limits;
    private readonly Lock _sync = new();
    private readonly Dictionary<int, Http2Stream> _streams = [];
    private readonly HpackDecoder _decoder;
    private readonly RequestHeadBuilder _headBuilder = new();
    private readonly ArrayBufferWriter<byte> _headerBlock = new(4096);
    private readonly FlowWindow _connectionSendWindow = new(FlowWindow.DefaultInitialSize);
    private readonly FlowWindow _connectionReceiveWindow;
    private readonly CancellationTokenSource _idle = new();
    private readonly TimeSpan _stallTimeout;

    private int _peerInitialWindow = FlowWindow.DefaultInitialSize;
    private int _peerMaxFrameSize = FrameHeader.DefaultMaxFrameSize;
    private int _highestStreamId;
    private long _connectionUncredited;
    private bool _goAwaySent;
    private bool _peerGoneAway;
    private TaskCompletionSource _windowOpened = NewSignal();

    /// <summary>The TLS connection's details for the streams' access log records; null on h2c or with no access log.</summary>
    public Tls.TlsDetails? Tls { get; init; }

    public Http2Connection(Stream clientStream, PipeReader clientReader, IPEndPoint clientAddress, ListenerSettings settings, HttpProxyContext context)
    {
        _clientStream = clientStream;
        _clientReader = clientReader;
        _clientAddress = clientAddress;
        _settings = settings;
        _context = context;
        _limits = settings.Http2;
        _decoder = new HpackDecoder(HeaderTableSize, _limits.MaxHeaderListSize, _limits.MaxHeaderFields);
        _connectionReceiveWindow = new FlowWindow(Math.Max(FlowWindow.DefaultInitialSize, _limits.InitialConnectionWindow));
        _stallTimeout = _limits.StreamIdleTimeout ?? TimeSpan.FromSeconds(Math.Max(30, settings.BackTimeout.TotalSeconds));
        _rapidReset = new FloodCounter(_limits.MaxRstStreamPerWindow);
        _pingFlood = new FloodCounter(_limits.MaxPingPerWindow);
        _settingsFlood = new FloodCounter(_limits.MaxSettingsPerWindow);
        _emptyDataFlood = new FloodCounter(_limits.MaxEmptyDataPerWindow);
        _windowUpdateFlood = new FloodCounter(_limits.MaxWindowUpdateStream0PerWindow);
        _glitches = new FloodCounter(_limits.MaxGlitchCount);
    }

    public async Task RunAsync()
    {
        using var stopping = _context.StoppingToken.Register(static state => ((Http2Connection)state!).OnStopping(), this);
        try
        {
            await ReadPrefaceAsync().ConfigureAwait(false);
            await SendInitialSettingsAsync().ConfigureAwait(false);
            await ReadFramesAsync().ConfigureAwait(false);
        }
        catch (Http2ConnectionException e)
        {
            if (e.Code is not (Http2ErrorCode.EnhanceYourCalm or Http2ErrorCode.NoError))
            {
                Record(Defence.ProtocolError);
            }

            await CloseWithGoAwayAsync(e.Code, e.Message).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            if (_idle.IsCancellationRequested && !_goAwaySent)
            {
                await CloseWithGoAwayAsync(Http2ErrorCode.NoError, "idle").ConfigureAwait(false);
            }
            else if (Log.IsEnabled(LogLevel.Debug))
            {
                Log.Debug($"h2 {_settings.Address} client {_clientAddress}: connection ended: {e.Message}");
            }
        }
        finally
        {
            await AbortAllStreamsAsync().ConfigureAwait(false);
            await DrainOutputQuietlyAsync().ConfigureAwait(false);
            _idle.Dispose();
            await _clientReader.CompleteAsync().ConfigureAwait(false);
            await _clientStream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask ReadPrefaceAsync()
    {
        _idle.CancelAfter(_settings.RequestTimeout);
        while (true)
        {
            var result = await _clientReader.ReadAsync(_idle.Token).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (buffer.Length >= Preface.Length)
            {
                Span<byte> start = stackalloc byte[Preface.Length];
                buffer.Slice(0, Preface.Length).CopyTo(start);
                if (!start.SequenceEqual(Preface))
                {
                    throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, "invalid connection preface");
                }

                _clientReader.AdvanceTo(buffer.GetPosition(Preface.Length));
                return;
            }

            if (result.IsCompleted)
            {
                throw new IOException("closed before the preface");
            }

            _clientReader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private ValueTask SendInitialSettingsAsync()
    {
        ReadOnlySpan<(SettingId, uint)> settings =
        [
            (SettingId.MaxConcurrentStreams, (uint)_limits.MaxConcurrentStreams),
            (SettingId.InitialWindowSize, StreamReceiveWindow),
            (SettingId.MaxHeaderListSize, (uint)_limits.MaxHeaderListSize),
        ];
        var settingsCopy = settings.ToArray();
        var connectionIncrement = (int)(_connectionReceiveWindow.Available - FlowWindow.DefaultInitialSize);
        return SendAsync(output =>
        {
            FrameWriter.WriteSettings(output, settingsCopy);
            if (connectionIncrement > 0)
            {
                FrameWriter.WriteWindowUpdate(output, 0, connectionIncrement);
            }
        });
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
