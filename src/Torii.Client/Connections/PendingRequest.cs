using Torii.Protocol;

namespace Torii.Client;

/// <summary>
/// A request queued on a connection: first waiting to be written, then, in FIFO order, for its final answer.
/// </summary>
internal sealed class PendingRequest
{
    /// <summary>The result of a request its connection closed before writing: another connection may carry it.</summary>
    public static readonly Response NotSent = new();

    private readonly TaskCompletionSource<Response> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IProgress<Response>? _progress;

    public PendingRequest(Request request, string name, IProgress<Response>? progress, long deadline)
    {
        Request = request;
        Name = name;
        _progress = progress;
        Deadline = deadline;
    }

    public Request Request { get; }

    public string Name { get; }

    /// <summary>When the caller stops waiting (a Stopwatch timestamp, <see cref="Deadlines.None"/> for never).</summary>
    public long Deadline { get; }

    public Task<Response> Task => _completion.Task;

    /// <summary>Answered, failed or abandoned: nothing more is delivered to the caller.</summary>
    public bool IsSettled => _completion.Task.IsCompleted;

    public void ReportProgress(Response response)
    {
        if (_progress is null || _completion.Task.IsCompleted)
        {
            return;
        }

        try
        {
            _progress.Report(response);
        }
        catch (Exception exception)
        {
            // The caller's callback failed: the caller gets its exception, and the entry stays
            // queued so the final answer is still matched to this request and then dropped.
            _completion.TrySetException(exception);
        }
    }

    public bool TryComplete(Response response) => _completion.TrySetResult(response);

    public bool TryFail(Exception exception) => _completion.TrySetException(exception);

    /// <summary>The caller stopped waiting; the answer, when it comes, is discarded.</summary>
    public bool TryAbandon(CancellationToken cancellationToken) => _completion.TrySetCanceled(cancellationToken);
}
