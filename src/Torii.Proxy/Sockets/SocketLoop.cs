using System.Diagnostics;
using Torii.Proxy.Logging;

namespace Torii.Proxy.Sockets;

/// <summary>
/// One thread waiting in epoll_wait for the sockets registered with it, edge-triggered, and signalling
/// their <see cref="Readiness"/>. Continuations of socket operations run here, inline: a proxied request
/// is a read, a write, a read and a write, and handing each to another thread cost more than the work.
/// Nothing run on this thread may block.
/// </summary>
internal sealed class SocketLoop
{
    private const int BatchSize = 256;
    private const uint Interest = Epoll.In | Epoll.Out | Epoll.ReadHangUp | Epoll.EdgeTriggered;
    private const uint ReadEvents = Epoll.In | Epoll.ReadHangUp | Epoll.HangUp | Epoll.Error;
    private const uint WriteEvents = Epoll.Out | Epoll.HangUp | Epoll.Error;
    private const uint EndEvents = Epoll.ReadHangUp | Epoll.HangUp | Epoll.Error;

    [ThreadStatic]
    private static SocketLoop? t_current;

    private readonly int _epoll = Epoll.Create();
    private readonly Lock _slotsLock = new();
    private readonly Stack<int> _freeSlots = new();

    // The epoll data of a socket is its slot and the slot's generation: an event still queued for a
    // socket that left finds another generation in the slot and is dropped.
    private volatile LoopSocket?[] _slots = new LoopSocket?[64];
    private uint[] _generations = new uint[64];
    private int _nextSlot;

    // Work the loop's own continuations asked to run once the current batch of events is handled; touched only
    // by the loop's thread, so it needs no lock.
    private readonly Queue<(Action<object> Work, object State)> _deferred = new();

    public SocketLoop(int index)
        : this($"torii-loop-{index}")
    {
    }

    public SocketLoop(string threadName)
    {
        var thread = new Thread(Run) { IsBackground = true, Name = threadName };
        thread.UnsafeStart();
    }

    /// <summary>The loop whose thread is calling; null on any other thread.</summary>
    public static SocketLoop? Current => t_current;

    /// <summary>
    /// Runs <paramref name="work"/> on this loop's thread after the events of the current batch, before it waits
    /// again: what several sockets' continuations produce in one batch (frames of many streams for one client)
    /// goes out together, and without a hop to another thread. Only the loop's own thread may call this.
    /// </summary>
    public void Defer(Action<object> work, object state)
    {
        Debug.Assert(t_current == this, "only the loop's own thread defers work to it");
        _deferred.Enqueue((work, state));
    }

    public void Register(LoopSocket socket, int descriptor)
    {
        lock (_slotsLock)
        {
            if (!_freeSlots.TryPop(out var slot))
            {
                slot = _nextSlot++;
                if (slot == _slots.Length)
                {
                    var grown = new LoopSocket?[_slots.Length * 2];
                    Array.Copy(_slots, grown, _slots.Length);
                    Array.Resize(ref _generations, grown.Length);
                    _slots = grown;
                }
            }

            socket.Slot = slot;
            socket.Generation = ++_generations[slot];
            _slots[slot] = socket;
        }

        try
        {
            Epoll.Add(_epoll, descriptor, Interest, ((ulong)socket.Generation << 32) | (uint)socket.Slot);
        }
        catch
        {
            Unregister(socket);
            throw;
        }
    }

    /// <summary>
    /// Frees the socket's slot. No epoll_ctl: closing the descriptor takes it out of the set, and an event
    /// already on its way finds the slot's generation changed.
    /// </summary>
    public void Unregister(LoopSocket socket)
    {
        lock (_slotsLock)
        {
            _slots[socket.Slot] = null;
            _freeSlots.Push(socket.Slot);
        }
    }

    private void Run()
    {
        t_current = this;
        var events = GC.AllocateArray<byte>(BatchSize * Epoll.EventSize, pinned: true);
        while (true)
        {
            int count;
            try
            {
                count = Epoll.Wait(_epoll, events, timeoutMs: -1);
            }
            catch (IOException e)
            {
                Log.Error($"socket loop: {e.Message}");
                return;
            }

            var slots = _slots;
            for (var i = 0; i < count; i++)
            {
                var data = Epoll.DataAt(events, i);
                var slot = (int)(uint)data;
                if (slot >= slots.Length || slots[slot] is not { } socket || socket.Generation != (uint)(data >> 32))
                {
                    continue;
                }

                var mask = Epoll.EventsAt(events, i);
                try
                {
                    if ((mask & EndEvents) != 0)
                    {
                        socket.MarkPeerClosed();
                    }

                    if ((mask & ReadEvents) != 0)
                    {
                        socket.Readable.Signal();
                    }

                    if ((mask & WriteEvents) != 0)
                    {
                        socket.WritableIfMade?.Signal();
                    }
                }
                catch (Exception e)
                {
                    // A continuation that throws past its own handlers must not take every other socket down.
                    Log.Error($"socket loop: a socket operation's continuation failed: {e}");
                }
            }

            RunDeferred();
        }
    }

    private void RunDeferred()
    {
        // Work deferred by deferred work runs in the same pass: nothing waits for an event that will not come.
        while (_deferred.TryDequeue(out var deferred))
        {
            try
            {
                deferred.Work(deferred.State);
            }
            catch (Exception e)
            {
                Log.Error($"socket loop: deferred work failed: {e}");
            }
        }
    }
}
