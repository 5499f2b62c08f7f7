using System.Diagnostics.Tracing;

namespace Torii.Proxy.Tests.Http;

/// <summary>
/// Counts the buffers of at least a given size that the shared array pool hands to the thread that made
/// the listener (.NET's ArrayPoolEventSource, BufferRented): tests running beside it rent on other threads.
/// </summary>
internal sealed class ArrayPoolRentListener(int minimumSize) : EventListener
{
    // Linux names the calling thread in /proc/thread-self: "PID/task/TID".
    private readonly long _threadId = long.Parse(Path.GetFileName(new FileInfo("/proc/thread-self").LinkTarget!));
    private int _rented;

    public int Rented => Volatile.Read(ref _rented);

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "System.Buffers.ArrayPoolEventSource")
        {
            EnableEvents(eventSource, EventLevel.Verbose);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName == "BufferRented" && eventData.OSThreadId == _threadId
            && eventData.PayloadNames?.IndexOf("bufferSize") is >= 0 and var index && (int)eventData.Payload![index]! >= minimumSize)
        {
            Interlocked.Increment(ref _rented);
        }
    }
}
