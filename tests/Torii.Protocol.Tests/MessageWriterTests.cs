using System.IO.Pipelines;

namespace Torii.Protocol.Tests;

public sealed class MessageWriterTests
{
    [Fact]
    public async Task ConcurrentWritersNeverInterleaveFrames()
    {
        var pipe = new Pipe();
        var writer = new MessageWriter<Request>(pipe.Writer);
        var reader = new MessageReader<Request>(pipe.Reader);
        string[] ids = Enumerable.Range(0, 200).Select(i => $"cluster-{i}-" + new string('x', i * 7)).ToArray();

        Task reading = Task.Run(async () =>
        {
            var seen = new List<string>();
            while (await reader.ReadAsync() is { } request)
            {
                seen.Add(request.RemoveCluster);
            }

            Assert.Equal(ids.Order(), seen.Order());
        });
        await Task.WhenAll(ids.Select(id => Task.Run(async () => await writer.WriteAsync(new Request { RemoveCluster = id }))));
        await pipe.Writer.CompleteAsync();

        await reading;
    }

    [Fact]
    public async Task WritingAfterThePeerStoppedReadingFails()
    {
        var pipe = new Pipe();
        var writer = new MessageWriter<Request>(pipe.Writer);
        await pipe.Reader.CompleteAsync();

        await Assert.ThrowsAsync<IOException>(async () => await writer.WriteAsync(new Request { Status = new Status() }));
    }

    [Fact]
    public async Task ABatchArrivesWithOneFlushInOrder()
    {
        var pipe = new Pipe();
        var writer = new MessageWriter<Request>(pipe.Writer);
        var frames = new MessageReader<Request>(pipe.Reader);
        Request[] requests = [.. SampleRequests.All()];

        await writer.WriteAsync(requests);

        // Everything was flushed together: one read of the pipe returns every frame.
        ReadResult read = await pipe.Reader.ReadAsync();
        Assert.Equal(requests.Sum(r => FrameEncoder.ToArray(r).Length), read.Buffer.Length);
        pipe.Reader.AdvanceTo(read.Buffer.Start);
        foreach (Request expected in requests)
        {
            Assert.True(frames.TryRead(out Request? actual));
            Assert.Equal(expected, actual);
        }

        Assert.False(frames.TryRead(out _));
    }
}
