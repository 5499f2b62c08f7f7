using System.Collections.Concurrent;
using Torii.Protocol;

namespace Torii.Client.Tests;

/// <summary>Records progress synchronously, in the order the client reports it.</summary>
internal sealed class RecordingProgress : IProgress<Response>
{
    public ConcurrentQueue<Response> Reports { get; } = new();

    public void Report(Response value) => Reports.Enqueue(value);
}
