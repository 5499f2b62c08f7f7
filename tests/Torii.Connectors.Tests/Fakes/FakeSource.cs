using System.Threading.Channels;
using Torii.Connectors.Applying;

namespace Torii.Connectors.Tests.Fakes;

/// <summary>A source fed by the test; records what the loop settled, in order.</summary>
internal sealed class FakeSource : IMessageSource
{
    private readonly Channel<SourceMessage> _messages = Channel.CreateUnbounded<SourceMessage>();
    private readonly List<string> _settled = [];
    private readonly Lock _gate = new();

    public ChannelReader<SourceMessage> Messages => _messages.Reader;

    /// <summary>Makes the next acknowledgements throw, as a broker that went away does.</summary>
    public bool FailAcknowledgements { get; set; }

    /// <summary>"ack:ID" and "dead:ID" in the order the loop settled messages.</summary>
    public IReadOnlyList<string> Settled
    {
        get
        {
            lock (_gate)
            {
                return [.. _settled];
            }
        }
    }

    public int AcknowledgeCalls { get; private set; }

    public Dictionary<string, string> DeadLetterReasons { get; } = [];

    public void Deliver(SourceMessage message) => _messages.Writer.TryWrite(message);

    public void Complete() => _messages.Writer.TryComplete();

    /// <summary>Messages delivered and not taken by the loop yet.</summary>
    public int Waiting => _messages.Reader.Count;

    public ValueTask AcknowledgeAsync(IReadOnlyList<SourceMessage> messages, CancellationToken cancellationToken)
    {
        AcknowledgeCalls++;
        if (FailAcknowledgements)
        {
            throw new IOException("the broker connection is closed");
        }

        lock (_gate)
        {
            _settled.AddRange(messages.Select(message => $"ack:{message.Id}"));
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DeadLetterAsync(SourceMessage message, string reason, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _settled.Add($"dead:{message.Id}");
            DeadLetterReasons[message.Id] = reason;
        }

        return ValueTask.CompletedTask;
    }
}
