using System.IO.Pipelines;
using Torii.Protocol;

namespace Torii.Client.Tests;

/// <summary>Write coalescing on one connection, seen on a stream that counts writes.</summary>
public sealed class CommandConnectionTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static readonly ToriiClientOptions Options = new() { SocketPath = "/fake/torii.sock" };

    [Fact]
    public async Task RequestsQueuedWhileAWriteIsInFlightGoOutInOneWriteAndAreAnsweredInOrder()
    {
        var stream = new GatedDuplexStream();
        await using var connection = new CommandConnection(stream, Options, (_, _) => { });
        PendingRequest first = Pending("first");
        Assert.True(connection.TryEnqueue(first));
        await stream.FirstWriteStarted.WaitAsync(Bound);

        PendingRequest[] queued = [Pending("q1"), Pending("q2"), Pending("q3")];
        Assert.All(queued, p => Assert.True(connection.TryEnqueue(p)));
        stream.ReleaseFirstWrite();
        await stream.SecondWriteDone.WaitAsync(Bound);
        foreach (string name in (string[])["first", "q1", "q2", "q3"])
        {
            await stream.AnswerAsync(new Response { Status = ResponseStatus.Ok, Message = name });
        }

        Assert.Equal("first", (await first.Task.WaitAsync(Bound)).Message);
        Assert.Equal(["q1", "q2", "q3"], (await Task.WhenAll(queued.Select(p => p.Task)).WaitAsync(Bound)).Select(r => r.Message));
        Assert.Equal(2, stream.Writes.Count);
        Assert.Equal(["q1", "q2", "q3"], await FramesOfAsync(stream.Writes.Last()));
    }

    [Fact]
    public async Task ARequestAbandonedBeforeItIsWrittenIsNeverSent()
    {
        var stream = new GatedDuplexStream();
        await using var connection = new CommandConnection(stream, Options, (_, _) => { });
        Assert.True(connection.TryEnqueue(Pending("first")));
        await stream.FirstWriteStarted.WaitAsync(Bound);

        PendingRequest abandoned = Pending("abandoned");
        PendingRequest kept = Pending("kept");
        Assert.True(connection.TryEnqueue(abandoned));
        Assert.True(connection.TryEnqueue(kept));
        Assert.True(abandoned.TryAbandon(CancellationToken.None));
        stream.ReleaseFirstWrite();
        await stream.SecondWriteDone.WaitAsync(Bound);

        Assert.Equal(["kept"], await FramesOfAsync(stream.Writes.Last()));
        Assert.Equal(2, connection.PendingCount);
    }

    private static PendingRequest Pending(string clusterId) =>
        new(new Request { QueryClusterById = clusterId }, "query_cluster_by_id", progress: null, Deadlines.None);

    private static async Task<string[]> FramesOfAsync(byte[] written)
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(written);
        await pipe.Writer.CompleteAsync();
        var reader = new MessageReader<Request>(pipe.Reader);
        var ids = new List<string>();
        while (await reader.ReadAsync() is { } request)
        {
            ids.Add(request.QueryClusterById);
        }

        return [.. ids];
    }
}
