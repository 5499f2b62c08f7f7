namespace Torii.EndToEnd.Tests.Infrastructure;

/// <summary>What one connection to a <see cref="RecordingTcpBackend"/> received, and a signal for each arrival.</summary>
public sealed class RecordedConnection
{
    public List<byte> Bytes { get; } = [];

    public SemaphoreSlim Arrived { get; } = new(0);
}
