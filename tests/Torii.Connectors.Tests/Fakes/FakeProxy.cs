using Torii.Client;
using Torii.Connectors.Applying;
using Torii.Protocol;

namespace Torii.Connectors.Tests.Fakes;

/// <summary>
/// A proxy that records the requests it receives. It can refuse some, be unreachable, or hold its answers
/// until the test releases them.
/// </summary>
internal sealed class FakeProxy : IRequestSender
{
    private readonly Lock _gate = new();
    private readonly List<Request> _received = [];
    private readonly List<(TaskCompletionSource<Response> Completion, Response Answer)> _held = [];
    private int _inFlight;
    private int _maxInFlight;
    private int _canceled;

    public bool IsConnected { get; set; } = true;

    /// <summary>While true every send fails as if the socket were gone.</summary>
    public bool Unreachable { get; set; }

    /// <summary>While true answers wait for <see cref="ReleaseHeld"/>.</summary>
    public bool HoldAnswers { get; set; }

    /// <summary>Held requests stay held when their caller cancels, as a client that loses track of a request would.</summary>
    public bool IgnoreCancellation { get; set; }

    /// <summary>Decides the answer to a request; OK by default.</summary>
    public Func<Request, Response> Answer { get; set; } = _ => new Response { Status = ResponseStatus.Ok, Message = "ok" };

    /// <summary>Called on each send before answering, for requests that must fail one by one.</summary>
    public Func<Request, Exception?> FailWith { get; set; } = _ => null;

    public int Attempts { get; private set; }

    /// <summary>Answers FAILURE with <paramref name="message"/> to add_backend of <paramref name="backendId"/>, OK to the rest.</summary>
    public void RefuseBackend(string backendId, string message) =>
        Answer = request => TestMessages.BackendIdOf(request) == backendId
            ? new Response { Status = ResponseStatus.Failure, Message = message }
            : new Response { Status = ResponseStatus.Ok };

    public IReadOnlyList<Request> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    public int InFlight => Volatile.Read(ref _inFlight);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Held requests the loop canceled before they were answered.</summary>
    public int Canceled => Volatile.Read(ref _canceled);

    public int HeldCount
    {
        get
        {
            lock (_gate)
            {
                return _held.Count;
            }
        }
    }

    public Task<Response> SendAsync(Request request, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Attempts++;
            if (Unreachable)
            {
                return Task.FromException<Response>(new ProxyUnavailableException("fake.sock", "cannot connect to the proxy's command socket fake.sock"));
            }

            if (FailWith(request) is { } failure)
            {
                return Task.FromException<Response>(failure);
            }

            _received.Add(request);
            int inFlight = Interlocked.Increment(ref _inFlight);
            _maxInFlight = Math.Max(_maxInFlight, inFlight);
            Response answer = Answer(request);
            if (!HoldAnswers)
            {
                Interlocked.Decrement(ref _inFlight);
                return Task.FromResult(answer);
            }

            var held = new TaskCompletionSource<Response>(TaskCreationOptions.RunContinuationsAsynchronously);
            _held.Add((held, answer));
            if (!IgnoreCancellation)
            {
                cancellationToken.Register(() => Cancel(held));
            }

            return held.Task;
        }
    }

    private void Cancel(TaskCompletionSource<Response> held)
    {
        lock (_gate)
        {
            if (_held.RemoveAll(entry => entry.Completion == held) == 0)
            {
                return;
            }
        }

        Interlocked.Increment(ref _canceled);
        Interlocked.Decrement(ref _inFlight);
        held.TrySetCanceled();
    }

    /// <summary>Answers every held request, in order.</summary>
    public void ReleaseHeld()
    {
        (TaskCompletionSource<Response> Completion, Response Answer)[] held;
        lock (_gate)
        {
            held = [.. _held];
            _held.Clear();
        }

        foreach ((TaskCompletionSource<Response> completion, Response answer) in held)
        {
            Interlocked.Decrement(ref _inFlight);
            completion.SetResult(answer);
        }
    }

    /// <summary>Answers the newest held request, leaving the others held.</summary>
    public void ReleaseLastHeld()
    {
        (TaskCompletionSource<Response> Completion, Response Answer) last;
        lock (_gate)
        {
            last = _held[^1];
            _held.RemoveAt(_held.Count - 1);
        }

        Interlocked.Decrement(ref _inFlight);
        last.Completion.SetResult(last.Answer);
    }

    /// <summary>Fails the oldest held request as a broken connection does, leaving the others held.</summary>
    public void BreakFirstHeld()
    {
        TaskCompletionSource<Response> first;
        lock (_gate)
        {
            first = _held[0].Completion;
            _held.RemoveAt(0);
        }

        Interlocked.Decrement(ref _inFlight);
        first.SetException(new ProxyUnavailableException("fake.sock", "lost the connection to the proxy"));
    }

    /// <summary>Fails every held request as a broken connection does.</summary>
    public void BreakHeld()
    {
        (TaskCompletionSource<Response> Completion, Response Answer)[] held;
        lock (_gate)
        {
            held = [.. _held];
            _held.Clear();
        }

        foreach ((TaskCompletionSource<Response> completion, _) in held)
        {
            Interlocked.Decrement(ref _inFlight);
            completion.SetException(new ProxyUnavailableException("fake.sock", "lost the connection to the proxy"));
        }
    }
}
