using Torii.Connectors.Logging;
using Torii.Connectors.Monitoring;
using Torii.Protocol;

namespace Torii.Connectors.Applying;

/// <summary>
/// Applies the messages of a source to the proxy, in order, and settles each one only once the proxy
/// answered it: OK acknowledges; FAILURE is logged, counted and acknowledged (or dead-lettered); a body that
/// is not a Request is dead-lettered; when the proxy cannot be reached nothing is settled, no new message is
/// taken, and the same requests are sent again, in the same order, after a growing pause.
/// </summary>
/// <remarks>
/// Requests are pipelined on the proxy connection up to the window; answers on one connection come back in
/// order. After a failure every request from the failed one onwards is sent again, even those answered
/// since: a later one may have reached a fresh connection ahead of the failed one, and sending the tail
/// again restores the order the proxy sees last.
/// </remarks>
public sealed class ApplyLoop
{
    private readonly IMessageSource _source;
    private readonly IRequestSender _proxy;
    private readonly ApplyLoopOptions _options;
    private readonly ConnectorCounters _counters;
    private readonly ConnectorLog _log;
    private readonly TimeProvider _time;
    private readonly RetryBackoff _backoff;

    // Every message taken and not settled, in delivery order; _unsent holds those of them still to be sent.
    private readonly Queue<PendingMessage> _window = new();
    private readonly Queue<PendingMessage> _unsent = new();

    private readonly MessageSettler _settler;

    // Until an answer proves a connection is open, requests go one at a time: the client may open a
    // connection for each of several concurrent requests, and they would race.
    private bool _mustSendAlone = true;
    private bool _recovering;

    // Canceled when a send fails, so that requests not yet written stay unsent: they go again, in order, after the pause.
    private CancellationTokenSource? _sending;
    private Task? _pause;

    // When the current recovery began, and the timer that says so if answers in flight keep it waiting too long.
    private long _recoveryStarted;
    private Task? _inFlightWarning;
    private bool _inFlightWarned;
    private Task<bool>? _waitToRead;
    private bool _sourceCompleted;

    // Completed by any answer that arrives after the current pass began, so a pass never waits for an answer that
    // came while it was deciding what to do (checking "is anything in flight" and then waiting on it is a race).
    private TaskCompletionSource _answered = NewWake();

    public ApplyLoop(
        IMessageSource source,
        IRequestSender proxy,
        ApplyLoopOptions options,
        ConnectorCounters counters,
        ConnectorLog log,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(proxy);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _source = source;
        _proxy = proxy;
        _options = options;
        _counters = counters;
        _log = log;
        _time = time ?? TimeProvider.System;
        _backoff = new RetryBackoff(options.RetryInitial, options.RetryMax);
        _settler = new MessageSettler(source, counters, log);
    }

    /// <summary>Messages taken from the source and not settled yet.</summary>
    public int Unsettled => _window.Count;

    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> fires (messages not settled then are left to the broker,
    /// which delivers them again), or until the source completes and every message taken is settled.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Task stopped = Task.Delay(Timeout.Infinite, cancellationToken);
        _sending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (_answered.Task.IsCompleted)
                {
                    Volatile.Write(ref _answered, NewWake());
                }

                bool progressed = await SettleAsync(cancellationToken).ConfigureAwait(false);
                progressed |= Accept();
                progressed |= Recover(cancellationToken);
                progressed |= Dispatch();
                if (_sourceCompleted && _window.Count == 0)
                {
                    return;
                }

                if (!progressed)
                {
                    await WaitForProgressAsync(stopped, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _sending.Dispose();
        }
    }

    private async Task<bool> SettleAsync(CancellationToken cancellationToken)
    {
        bool progressed = false;
        while (_window.TryPeek(out PendingMessage? head))
        {
            if (head.Request is null)
            {
                _window.Dequeue();
                await _settler.DeadLetterAsync(head.Message, head.Decoded.Error!, cancellationToken).ConfigureAwait(false);
                progressed = true;
                continue;
            }

            if (head.Answer is null)
            {
                if (!head.Skipped)
                {
                    break;
                }

                // The broker gives it again on its new connection; that copy is the one to apply.
                _window.Dequeue();
                _log.Debug($"message {head.Message.Id} dropped: its broker connection closed before it was sent");
                progressed = true;
                continue;
            }

            if (!head.Answer.IsCompleted)
            {
                break;
            }

            if (!head.Answer.IsCompletedSuccessfully)
            {
                if (!_recovering)
                {
                    BeginRecovery(head);
                }

                break;
            }

            _window.Dequeue();
            _backoff.Reset();
            _mustSendAlone = false;
            _counters.ObserveApplyDuration(_time.GetElapsedTime(head.SentAt));
            Response response = head.Answer.Result;
            if (response.Status == ResponseStatus.Ok)
            {
                _counters.CountApplied();
                if (_log.IsEnabled(LogLevel.Debug))
                {
                    _log.Debug($"message {head.Message.Id}: {RequestNames.Of(head.Request)} applied");
                }

                _settler.Acknowledge(head.Message);
            }
            else
            {
                await SettleRefusedAsync(head, response, cancellationToken).ConfigureAwait(false);
            }

            progressed = true;
        }

        // Acknowledgements gathered in one pass go to the broker together.
        await _settler.FlushAsync(cancellationToken).ConfigureAwait(false);
        return progressed;
    }

    private async Task SettleRefusedAsync(PendingMessage entry, Response response, CancellationToken cancellationToken)
    {
        SourceMessage message = entry.Message;
        string name = RequestNames.Of(entry.Request!);
        _counters.CountFailed();
        string again = message.Redelivered ? " (the message was delivered before, so it may have been applied then)" : string.Empty;
        _log.Warn($"message {message.Id}: the proxy refused {name}: {response.Message}{again}");
        if (_options.DeadLetterFailed)
        {
            await _settler.DeadLetterAsync(message, $"the proxy refused {name}: {response.Message}", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            _settler.Acknowledge(message);
        }
    }

    private bool Accept()
    {
        if (_recovering || _sourceCompleted)
        {
            return false;
        }

        bool progressed = false;
        while (_window.Count < _options.Window && _source.Messages.TryRead(out SourceMessage? message))
        {
            _counters.CountReceived();
            DecodedRequest decoded = RequestDecoder.Decode(message.Body, message.ContentType);
            var entry = new PendingMessage(message, decoded);
            _window.Enqueue(entry);
            if (decoded.Request is null)
            {
                _log.Warn($"message {message.Id} is not a Request ({decoded.Error}); dead-lettering it");
            }
            else
            {
                _unsent.Enqueue(entry);
            }

            progressed = true;
        }

        return progressed;
    }

    private bool Dispatch()
    {
        if (_recovering)
        {
            return false;
        }

        bool progressed = false;
        while (_unsent.TryPeek(out PendingMessage? next))
        {
            if (next.Message.IsStale)
            {
                _unsent.Dequeue();
                next.Skipped = true;
                progressed = true;
                continue;
            }

            bool alone = _mustSendAlone || !_proxy.IsConnected;
            if (alone && AnyInFlight())
            {
                break;
            }

            _unsent.Dequeue();
            Send(next);
            progressed = true;
        }

        return progressed;
    }

    private void Send(PendingMessage entry)
    {
        entry.Sends++;
        if (entry.Sends > 1)
        {
            _counters.CountRetried();
        }

        entry.SentAt = _time.GetTimestamp();

        try
        {
            entry.Answer = _proxy.SendAsync(entry.Request!, _sending!.Token);
        }
        catch (Exception exception)
        {
            entry.Answer = Task.FromException<Response>(exception);
        }

        entry.Answer.ContinueWith(
            static (_, state) => Volatile.Read(ref ((ApplyLoop)state!)._answered).TrySetResult(),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private static TaskCompletionSource NewWake() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void BeginRecovery(PendingMessage head)
    {
        _recovering = true;
        _pause = null;
        _recoveryStarted = _time.GetTimestamp();
        _inFlightWarning = null;
        _inFlightWarned = false;
        _sending!.Cancel();
        Exception? error = head.Answer!.Exception?.GetBaseException();
        string reason = error?.Message ?? "the request was canceled";
        if (_backoff.Attempts == 0)
        {
            _log.Warn($"cannot apply message {head.Message.Id} ({RequestNames.Of(head.Request!)}): {reason}; holding {_window.Count} messages and trying again");
        }
        else
        {
            _log.Debug($"message {head.Message.Id}, attempt {_backoff.Attempts + 1}: {reason}");
        }
    }

    /// <summary>Once nothing is in flight and the pause is over, queues everything unsettled to be sent again, in order.</summary>
    private bool Recover(CancellationToken cancellationToken)
    {
        if (!_recovering)
        {
            return false;
        }

        if (AnyInFlight())
        {
            WatchInFlight(cancellationToken);
            return false;
        }

        _inFlightWarning = null;
        if (_pause is null)
        {
            TimeSpan delay = _backoff.Next();
            if (_backoff.Attempts == 1 || _backoff.Attempts % 10 == 0)
            {
                _log.Info($"proxy unreachable; next attempt in {delay.TotalMilliseconds:0} ms (attempt {_backoff.Attempts})");
            }

            _pause = Task.Delay(delay, _time, cancellationToken);
            return true;
        }

        if (!_pause.IsCompleted)
        {
            return false;
        }

        _unsent.Clear();
        foreach (PendingMessage entry in _window)
        {
            if (entry.Request is null || entry.Skipped)
            {
                continue;
            }

            // Observed so that a failure nobody waited for is not reported as unobserved.
            _ = entry.Answer?.Exception;
            entry.Answer = null;
            _unsent.Enqueue(entry);
        }

        _recovering = false;
        _pause = null;
        _mustSendAlone = true;
        _sending!.Dispose();
        _sending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        return true;
    }

    /// <summary>Says once per recovery which requests still hold it, once they held it longer than the option allows.</summary>
    private void WatchInFlight(CancellationToken cancellationToken)
    {
        if (_inFlightWarned)
        {
            return;
        }

        TimeSpan waited = _time.GetElapsedTime(_recoveryStarted);
        if (waited < _options.InFlightWarning)
        {
            _inFlightWarning ??= Task.Delay(_options.InFlightWarning - waited, _time, cancellationToken);
            return;
        }

        _inFlightWarned = true;
        _inFlightWarning = null;
        int count = 0;
        PendingMessage? oldest = null;
        foreach (PendingMessage entry in _window)
        {
            if (entry.IsInFlight)
            {
                oldest ??= entry;
                count++;
            }
        }

        _log.Warn($"still waiting, {waited.TotalSeconds:0} s after the failure, for the proxy client to end {count} requests in flight " +
            $"(the oldest: message {oldest!.Message.Id}, {RequestNames.Of(oldest.Request!)}, sent {_time.GetElapsedTime(oldest.SentAt).TotalSeconds:0} s ago); nothing is sent again until they end");
    }

    private bool AnyInFlight()
    {
        foreach (PendingMessage entry in _window)
        {
            if (entry.IsInFlight)
            {
                return true;
            }
        }

        return false;
    }

    private async Task WaitForProgressAsync(Task stopped, CancellationToken cancellationToken)
    {
        var waits = new List<Task>(5) { stopped, _answered.Task };
        if (!_recovering && !_sourceCompleted && _window.Count < _options.Window)
        {
            _waitToRead ??= _source.Messages.WaitToReadAsync(cancellationToken).AsTask();
            waits.Add(_waitToRead);
        }

        if (_pause is not null)
        {
            waits.Add(_pause);
        }

        if (_inFlightWarning is not null)
        {
            waits.Add(_inFlightWarning);
        }

        await Task.WhenAny(waits).ConfigureAwait(false);
        if (_inFlightWarning is { IsCompleted: true })
        {
            _inFlightWarning = null;
        }
        if (_waitToRead is { IsCompleted: true } read)
        {
            _waitToRead = null;
            if (read.IsCompletedSuccessfully && !read.Result)
            {
                _sourceCompleted = true;
            }
            else if (read.IsFaulted)
            {
                await read.ConfigureAwait(false);
            }
        }
    }
}
