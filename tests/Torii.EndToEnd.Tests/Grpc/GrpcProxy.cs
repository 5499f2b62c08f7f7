using System.Net;
using Grpc.Net.Client;
using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;

namespace Torii.EndToEnd.Tests.Grpc;

/// <summary>
/// torii with an HTTP listener (h2c by prior knowledge) and an HTTPS listener (h2 by ALPN), both
/// routing "localhost" to an <c>http2 = true</c> cluster whose backend is a <see cref="GrpcBackend"/>.
/// </summary>
public sealed class GrpcProxy : IAsyncDisposable
{
    public const string Host = "localhost";

    private readonly List<HttpMessageHandler> _handlers = [];

    private GrpcProxy(ToriiProcess torii, GrpcBackend backend, int cleartextPort, int tlsPort)
    {
        Torii = torii;
        Backend = backend;
        CleartextPort = cleartextPort;
        TlsPort = tlsPort;
    }

    public ToriiProcess Torii { get; }

    public GrpcBackend Backend { get; }

    public int CleartextPort { get; }

    public int TlsPort { get; }

    public static async Task<GrpcProxy> StartAsync()
    {
        var backend = await GrpcBackend.StartAsync();
        var torii = await ToriiProcess.StartAsync("");
        var ports = await CleartextAndTlsListeners.AddAsync(torii, Host);
        var cluster = Requests.Cluster("grpc");
        cluster.AddCluster.Http2 = true;
        await torii.MustAsync(cluster);
        await torii.MustAsync(Requests.Backend("grpc", "kestrel", backend.Port));
        await CleartextAndTlsListeners.RouteAsync(torii, "grpc", Host, ports);
        return new GrpcProxy(torii, backend, ports.Cleartext, ports.Tls);
    }

    /// <summary>A channel to torii over h2c (prior knowledge) or over TLS with ALPN h2; "localhost" always dials 127.0.0.1.</summary>
    public GrpcChannel Channel(bool tls)
    {
        var handler = LoopbackHttpHandler.Create();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        _handlers.Add(handler);
        var address = tls ? $"https://{Host}:{TlsPort}" : $"http://{Host}:{CleartextPort}";
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = false });
    }

    /// <summary>An HTTP/1.1-only client to the cleartext listener.</summary>
    public HttpClient Http11Client()
    {
        var handler = LoopbackHttpHandler.Create();
        _handlers.Add(handler);
        return new HttpClient(handler)
        {
            BaseAddress = new Uri($"http://{Host}:{CleartextPort}"),
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var handler in _handlers)
        {
            handler.Dispose();
        }

        await Torii.DisposeAsync();
        await Backend.DisposeAsync();
    }
}
