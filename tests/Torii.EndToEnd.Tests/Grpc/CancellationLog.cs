using System.Collections.Concurrent;

namespace Torii.EndToEnd.Tests.Grpc;

/// <summary>The waiting calls the gRPC server started and saw cancelled, by tag; a test waits on them with a timeout.</summary>
public sealed class CancellationLog
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _signals = new();

    public void RecordStarted(string tag) => Signal($"started {tag}").TrySetResult();

    public void RecordCancelled(string tag) => Signal($"cancelled {tag}").TrySetResult();

    public Task WhenStarted(string tag) => Signal($"started {tag}").Task;

    public Task WhenCancelled(string tag) => Signal($"cancelled {tag}").Task;

    private TaskCompletionSource Signal(string key) =>
        _signals.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
