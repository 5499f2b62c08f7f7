using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.EndToEnd.Tests.Grpc;

/// <summary>
/// A real gRPC server in the test process: Kestrel on 127.0.0.1 speaking HTTP/2 only, over
/// cleartext (h2c with prior knowledge), with <see cref="EchoService"/> and a plain endpoint.
/// </summary>
public sealed class GrpcBackend : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GrpcBackend(WebApplication app, int port, CancellationLog cancellations)
    {
        _app = app;
        Port = port;
        Cancellations = cancellations;
    }

    public int Port { get; }

    public CancellationLog Cancellations { get; }

    /// <summary>The remote ports of the connections the server accepted, for counting torii's backend connections.</summary>
    public HashSet<int> ConnectionPorts { get; } = [];

    public static async Task<GrpcBackend> StartAsync()
    {
        var port = FreePort.Next();
        var cancellations = new CancellationLog();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(options =>
            options.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(cancellations);
        var app = builder.Build();
        var backend = new GrpcBackend(app, port, cancellations);
        app.Use(async (context, next) =>
        {
            lock (backend.ConnectionPorts)
            {
                backend.ConnectionPorts.Add(context.Connection.RemotePort);
            }

            await next(context);
        });
        app.MapGrpcService<EchoService>();
        app.MapGet("/plain", (HttpContext context) => $"plain {context.Request.Protocol} {context.Request.Headers["X-Forwarded-For"]}");
        // Kestrel answers an aborted HTTP/2 request with RST_STREAM.
        app.MapGet("/abort", (HttpContext context) => context.Abort());
        app.MapPost("/upload", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            return $"got {body.Length}";
        });
        await app.StartAsync();
        return backend;
    }

    public int ConnectionCount
    {
        get
        {
            lock (ConnectionPorts)
            {
                return ConnectionPorts.Count;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
