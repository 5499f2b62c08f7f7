using System.Net;
using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.EndToEnd.Tests.Http2;

/// <summary>A client's RST_STREAM reaches the request at once, even while it waits for its backend.</summary>
public sealed class ClientResetTests
{
    [Fact]
    public async Task A_reset_stream_closes_the_http11_backend_connection_it_waited_on_long_before_the_back_timeout()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The backend never answers: only the client's reset can end the wait before back_timeout (30 s).
        using var backend = new ScriptedBackend((_, _) =>
        {
            arrived.TrySetResult();
            return new ScriptedReply("");
        });
        await using var proxy = await Http2Proxy.StartAsync(scripted: backend);
        using var client = new HttpClient(LoopbackHttpHandler.Create())
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var cancel = new CancellationTokenSource();

        var request = client.GetAsync($"http://{Http2Proxy.Host}:{proxy.CleartextPort}/never", cancel.Token);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        // Dropped, not pooled: a connection with a request still pending there is useless to the next one.
        await backend.ClosedAsync(1);
    }
}
