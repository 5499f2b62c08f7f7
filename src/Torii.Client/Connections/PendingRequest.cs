using Torii.Protocol;

namespace Torii.Client;

/// <summary>A request written on a connection and waiting, in FIFO order, for its final answer.</summary>
internal sealed class PendingRequest
{
    private readonly TaskCompletionSource<Response> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IProgress<Response>? _progress;

    public PendingRequest(string name, IProgress<Response>? progress)
    {
        Name = name;
        _progress = progress;
    }

    public string Name { get; }

    public Task<Response> Task => _completion.Task;

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
    public bool TryAbandon() => _completion.TrySetCanceled();

    /// <summary>Abandons the request and marks any failure it already had as seen.</summary>
    public void Discard()
    {
        TryAbandon();
        _ = _completion.Task.Exception;
    }
}
