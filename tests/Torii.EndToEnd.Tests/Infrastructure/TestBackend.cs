using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Torii.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A real HTTP backend (Kestrel) on a loopback port. Every response names the
/// backend, so a test sees where the proxy sent each request.
/// </summary>
public sealed class TestBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte> _connections = new();

    private TestBackend(string name, WebApplication app, int port)
    {
        Name = name;
        _app = app;
        Port = port;
    }

    public string Name { get; }

    public int Port { get; }

    public string Address => $"127.0.0.1:{Port}";

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    /// <summary>How many distinct TCP connections the proxy opened to this backend.</summary>
    public int ConnectionCount => _connections.Count;

    public int RequestCount => _requestCount;

    private int _requestCount;

    public static async Task<TestBackend> StartAsync(string name)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var backend = new TestBackend(name, app, port);
        app.UseWebSockets();
        app.Use(async (context, next) =>
        {
            backend._connections.TryAdd(context.Connection.Id, 0);
            Interlocked.Increment(ref backend._requestCount);
            context.Response.Headers["X-Backend"] = name;
            await next(context);
        });
        app.MapGet("/", () => name);
        app.MapGet("/{**path}", (HttpContext context) => $"{name} {context.Request.Path}");
        app.MapPost("/echo", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            context.Response.ContentType = "application/octet-stream";
            await context.Response.Body.WriteAsync(body.ToArray());
        });
        app.MapPost("/trailers", async (HttpContext context) =>
        {
            // Request trailers are readable once the body has been read to its end.
            using var body = new StreamReader(context.Request.Body);
            var text = await body.ReadToEndAsync();
            return $"body={text} x-sum={context.Request.GetTrailer("x-sum")}";
        });
        app.MapGet("/headers", (HttpContext context) =>
            string.Join("\n", context.Request.Headers.Select(header => $"{header.Key}: {header.Value}")));
        app.MapGet("/chunked", async (HttpContext context) =>
        {
            for (var i = 0; i < 5; i++)
            {
                await context.Response.WriteAsync($"chunk-{i};");
                await context.Response.Body.FlushAsync();
            }
        });
        app.MapGet("/slow", async (HttpContext context) =>
        {
            var milliseconds = int.Parse(context.Request.Query["ms"].ToString());
            await Task.Delay(milliseconds, context.RequestAborted);
            return name;
        });
        app.Map("/ws", async (HttpContext context) =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = 400;
                return;
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[4096];
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    return;
                }

                var reply = Encoding.UTF8.GetBytes($"{name}:{Encoding.UTF8.GetString(buffer, 0, received.Count)}");
                await socket.SendAsync(reply, WebSocketMessageType.Text, true, CancellationToken.None);
            }
        });
        await app.StartAsync();
        return backend;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
